package com.northwind.shop.users.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Opaque refresh tokens: 256 random bits, handed out once and stored only as a SHA-256 hash (a database leak yields no
 * usable token). State changes are single conditional statements, so two concurrent refreshes of one token cannot
 * both win.
 */
@Repository
class RefreshTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;

    RefreshTokens(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Issues a token of a family (a new family on login) and returns the token itself. The token dies at
     * {@code expiresAt} or with its family at {@code familyExpiresAt}, whichever comes first.
     */
    String issue(UUID userId, UUID familyId, Instant now, Instant expiresAt, Instant familyExpiresAt) {
        Instant dies = expiresAt.isAfter(familyExpiresAt) ? familyExpiresAt : expiresAt;
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        jdbc.sql("""
                        INSERT INTO refresh_tokens
                            (id, token_hash, family_id, user_id, created_at, expires_at, family_expires_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(UUID.randomUUID(), hash(token), familyId, userId, ts(now), ts(dies), ts(familyExpiresAt))
                .update();
        return token;
    }

    /**
     * Marks a live token used and returns its family and user; empty if the token is unknown, used, revoked or
     * expired.
     */
    Optional<Rotation> use(String token, Instant now) {
        return jdbc.sql("""
                        UPDATE refresh_tokens SET used_at = ?
                        WHERE token_hash = ? AND used_at IS NULL AND revoked_at IS NULL AND expires_at > ?
                          AND family_expires_at > ?
                        RETURNING family_id, user_id, family_expires_at""")
                .params(ts(now), hash(token), ts(now), ts(now))
                .query((rs, row) -> new Rotation(
                        rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class),
                        rs.getTimestamp(3).toInstant()))
                .optional();
    }

    /** The family of a token that was already used (a replay), if it is one. */
    Optional<UUID> familyOfUsed(String token) {
        return jdbc.sql("SELECT family_id FROM refresh_tokens WHERE token_hash = ? AND used_at IS NOT NULL")
                .param(hash(token))
                .query(UUID.class)
                .optional();
    }

    /** The family of any known token. */
    Optional<UUID> familyOf(String token) {
        return jdbc.sql("SELECT family_id FROM refresh_tokens WHERE token_hash = ?")
                .param(hash(token))
                .query(UUID.class)
                .optional();
    }

    int revokeFamily(UUID familyId, Instant now) {
        return jdbc.sql("UPDATE refresh_tokens SET revoked_at = ? WHERE family_id = ? AND revoked_at IS NULL")
                .params(ts(now), familyId)
                .update();
    }

    int revokeAllOf(UUID userId, Instant now) {
        return jdbc.sql("UPDATE refresh_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL")
                .params(ts(now), userId)
                .update();
    }

    /** Deletes tokens that expired before {@code cutoff}; they can neither be used nor reveal a replay any more. */
    int deleteExpiredBefore(Instant cutoff) {
        return jdbc.sql("DELETE FROM refresh_tokens WHERE expires_at < ?")
                .param(ts(cutoff))
                .update();
    }

    static String hash(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }

    /** A token that was just used: its family continues with a new token, until the family's own end. */
    record Rotation(UUID familyId, UUID userId, Instant familyExpiresAt) {}
}
