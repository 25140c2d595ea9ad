package com.northwind.shop.products.cache;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.data.redis.serializer.SerializationException;

/**
 * Stores a {@link Representation} as {@code [etag length][etag][body]}: the JSON is kept as the bytes that go on the
 * wire, with no type information and no JDK serialization. A tombstone left by an eviction has an empty etag (length
 * byte 0) followed by its unique token.
 */
final class RepresentationSerializer implements RedisSerializer<Representation> {

    @Override
    public byte[] serialize(@Nullable Representation value) {
        if (value == null) {
            return new byte[0];
        }
        byte[] etag = value.etag().getBytes(StandardCharsets.US_ASCII);
        if (etag.length > 255) {
            throw new SerializationException("An entity tag must be at most 255 ASCII characters");
        }
        byte[] out = new byte[1 + etag.length + value.body().length];
        out[0] = (byte) etag.length;
        System.arraycopy(etag, 0, out, 1, etag.length);
        System.arraycopy(value.body(), 0, out, 1 + etag.length, value.body().length);
        return out;
    }

    @Override
    public @Nullable Representation deserialize(byte @Nullable [] bytes) {
        if (bytes == null || bytes.length == 0) {
            return null;
        }
        int etagLength = bytes[0] & 0xFF;
        if (bytes.length < 1 + etagLength) {
            throw new SerializationException("Not a cached representation");
        }
        String etag = new String(bytes, 1, etagLength, StandardCharsets.US_ASCII);
        return new Representation(etag, Arrays.copyOfRange(bytes, 1 + etagLength, bytes.length));
    }
}
