package com.northwind.shop.payments.payment;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The {@code Idempotency-Key} records of {@code POST /api/payments}, per user, as Stripe keeps them: a request first
 * claims its key in a committed row of its own, so a concurrent duplicate sees it in flight; the first answer is
 * stored in the transaction that settles the payment, so a replay never disagrees with the stored payment. Records
 * are kept for {@code northwind.payments.idempotency-retention} (48 h by default), then purged.
 */
@Component
class IdempotencyRecords {

    /** A claim older than this belongs to a request that died (crash, restart) and may be taken over. */
    private static final Duration ABANDONED_AFTER = Duration.ofMinutes(2);

    private final JdbcTemplate jdbc;

    IdempotencyRecords(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Claims a key for a request; empty if the caller now owns it and must do the work, the stored first answer if
     * the same request was answered before.
     */
    Optional<StoredResponse> claim(UUID userId, String key, String requestHash) {
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
        int takenOver = jdbc.update("""
                UPDATE idempotency_records SET created_at = now()
                WHERE user_id = ? AND idempotency_key = ? AND state = 'IN_PROGRESS'
                  AND created_at < now() - make_interval(secs => ?)
                """, userId, key, ABANDONED_AFTER.toSeconds());
        if (takenOver == 1) {
            return Optional.empty();
        }
        throw new RequestInProgressException();
    }

    /** Stores the first answer; must run in the transaction that settled the payment. */
    void complete(UUID userId, String key, StoredResponse response) {
        jdbc.update("""
                UPDATE idempotency_records SET state = 'DONE', response_status = ?, response_body = ?
                WHERE user_id = ? AND idempotency_key = ?
                """, response.status(), response.body(), userId, key);
    }

    /** Gives a key up after its request failed, so that the client can retry with it. */
    void abandon(UUID userId, String key) {
        jdbc.update(
                "DELETE FROM idempotency_records WHERE user_id = ? AND idempotency_key = ? AND state = 'IN_PROGRESS'",
                userId,
                key);
    }

    /** Deletes records older than {@code age}; returns how many. */
    int purgeOlderThan(Duration age) {
        return jdbc.update(
                "DELETE FROM idempotency_records WHERE created_at < now() - make_interval(secs => ?)", age.toSeconds());
    }

    private record Existing(String requestHash, String state, int status, String body) {}
}
