-- The table of IdempotencyRecords (platform): Idempotency-Key records, per user. IN_PROGRESS while the first request
-- runs (a duplicate gets 409), DONE with the first answer afterwards (a duplicate with the same request gets it
-- replayed). Copy into the service's Flyway migrations; ServiceConventionsTests checks that the copy is unchanged.
CREATE TABLE idempotency_records (
    user_id         uuid         NOT NULL,
    idempotency_key varchar(100) NOT NULL,
    request_hash    char(64)     NOT NULL,
    state           varchar(20)  NOT NULL CHECK (state IN ('IN_PROGRESS', 'DONE')),
    response_status integer,
    response_body   text,
    created_at      timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, idempotency_key)
);
CREATE INDEX idempotency_records_created_idx ON idempotency_records (created_at);
