package com.northwind.shop.products.cache;

import java.nio.charset.StandardCharsets;
import org.springframework.util.DigestUtils;

/**
 * A response body ready to send, with its entity tag: what the cache stores, so that a hit costs one Redis GET and
 * no mapping at all.
 *
 * @param etag the strong entity tag of {@code body}, without quotes
 * @param body the serialized JSON
 */
public record Representation(String etag, byte[] body) {

    /** Wraps a freshly serialized body, tagging it with a digest of its bytes. */
    public static Representation of(byte[] body) {
        return new Representation(DigestUtils.md5DigestAsHex(body), body);
    }

    /** The body as text, for tests and logs. */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
