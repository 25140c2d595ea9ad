package com.northwind.shop.platform.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@code Idempotency-Key} records of one service, per user, in its table {@code idempotency_records}. A request
 * first claims its key in a committed row of its own, so a concurrent duplicate sees it in flight; the first answer
 * is stored in the transaction that made the change, so a replay can never see a change that does not exist or miss
 * one that does.
 */
public class IdempotencyRecords {

    /**
     * The hash a claim compares: SHA-256 (hex) of the request's canonical form, e.g. its fields as JSON in a fixed
     * order. Same key and same hash is a replay; same key and another hash is another request (422).
     */
    public static String requestHash(String canonical) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** The longest key accepted. */
    public static final int MAX_KEY_LENGTH = 100;

    /** A claim older than this belongs to a request that died (crash, restart) and may be taken over. */
    private static final Duration ABANDONED_AFTER = Duration.ofMinutes(2);

    private static final Duration RETRY_ABANDON_EVERY = Duration.ofMillis(500);

    private static final Logger log = LoggerFactory.getLogger(IdempotencyRecords.class);

    private final JdbcTemplate jdbc;

    public IdempotencyRecords(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The key of a request, or {@link IdempotencyKeyMissingException} if it has none of 1 to 100 characters. */
    public static String requireKey(@Nullable String key) {
        if (key == null || key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw new IdempotencyKeyMissingException();
        }
        return key;
    }

    /**
     * Claims a key for a request; empty if the caller now owns it and must do the work, the stored first answer if
     * the same request was answered before.
     */
    public Optional<StoredResponse> claim(UUID userId, String key, String requestHash) {
        return claim(userId, key, requestHash, Optional::empty);
    }

    /**
     * As {@link #claim(UUID, String, String)}; when the claim is taken over from a request that died, {@code
     * takenOver} first answers for whatever work that request got done (empty: none, the caller does the work).
     */
    public Optional<StoredResponse> claim(
            UUID userId, String key, String requestHash, Supplier<Optional<StoredResponse>> takenOver) {
        int inserted = jdbc.update("""
                INSERT INTO idempotency_records (user_id, idempotency_key, request_hash, state)
                VALUES (?, ?, ?, 'IN_PROGRESS') ON CONFLICT DO NOTHING
                """, userId, key, requestHash);
        if (inserted == 1) {
            return Optional.empty();
        }
        List<Existing> existing = jdbc.query(
                """
                SELECT request_hash, state, response_status, response_body FROM idempotency_records
                WHERE user_id = ? AND idempotency_key = ?
                """,
                (rs, i) -> new Existing(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4)),
                userId,
                key);
        if (existing.isEmpty()) {
            // The first request failed and gave its key up just now; the client may simply retry.
            throw new RequestInProgressException();
        }
        Existing record = existing.get(0);
        if (!record.requestHash().equals(requestHash)) {
            throw new IdempotencyKeyReusedException();
        }
        if ("DONE".equals(record.state())) {
            return Optional.of(new StoredResponse(record.status(), record.body()));
        }
        int takeOver = jdbc.update("""
                UPDATE idempotency_records SET created_at = now()
                WHERE user_id = ? AND idempotency_key = ? AND state = 'IN_PROGRESS'
                  AND created_at < now() - make_interval(secs => ?)
                """, userId, key, ABANDONED_AFTER.toSeconds());
        if (takeOver == 1) {
            return takenOver.get();
        }
        throw new RequestInProgressException();
    }

    /** Stores the first answer; must run in the transaction that made the change. */
    public void complete(UUID userId, String key, StoredResponse response) {
        jdbc.update("""
                UPDATE idempotency_records SET state = 'DONE', response_status = ?, response_body = ?
                WHERE user_id = ? AND idempotency_key = ?
                """, response.status(), response.body(), userId, key);
    }

    /**
     * Stores the answer of a request that died before it could (a crash between its work and its commit), found by
     * whoever finished the work for it; only while the key is still in progress, so a first answer that was stored is
     * never replaced. Must run in the transaction that finished the work. Answers whether it stored it.
     */
    public boolean completeIfInProgress(UUID userId, String key, StoredResponse response) {
        return jdbc.update("""
                UPDATE idempotency_records SET state = 'DONE', response_status = ?, response_body = ?
                WHERE user_id = ? AND idempotency_key = ? AND state = 'IN_PROGRESS'
                """, response.status(), response.body(), userId, key) == 1;
    }

    /**
     * Gives a key up after its request failed, so that the client can retry with it. Never throws: when the database
     * is what failed, the key is given up in the background as soon as it answers again (for up to the time after
     * which a claim counts as abandoned anyway), so the client's retry finds it free instead of "in progress".
     */
    public void abandon(UUID userId, String key) {
        try {
            delete(userId, key);
        } catch (RuntimeException ex) {
            log.warn(
                    "Could not give up Idempotency-Key of a failed request now; retrying in the background: {}",
                    ex.toString());
            Instant until = Instant.now().plus(ABANDONED_AFTER);
            Thread.ofVirtual().name("idempotency-abandon").start(() -> abandonLater(userId, key, until));
        }
    }

    private void abandonLater(UUID userId, String key, Instant until) {
        while (Instant.now().isBefore(until)) {
            try {
                Thread.sleep(RETRY_ABANDON_EVERY);
                delete(userId, key);
                return;
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException ex) {
                // still away; the next round tries again
            }
        }
    }

    private void delete(UUID userId, String key) {
        jdbc.update(
                "DELETE FROM idempotency_records WHERE user_id = ? AND idempotency_key = ? AND state = 'IN_PROGRESS'",
                userId,
                key);
    }

    /** Deletes records older than {@code age} (keep them at least 24 h); returns how many. */
    public int purgeOlderThan(Duration age) {
        return jdbc.update(
                "DELETE FROM idempotency_records WHERE created_at < now() - make_interval(secs => ?)", age.toSeconds());
    }

    private record Existing(String requestHash, String state, int status, String body) {}
}
