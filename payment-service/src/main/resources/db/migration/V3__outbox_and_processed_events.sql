-- Copied from platform/core/src/main/resources/northwind/events/V1__outbox_and_processed_events.sql.
-- Tables the event plumbing needs in a service's own schema. Copy into that service's Flyway migrations.

-- Events written in the same transaction as the state change they describe; the relay publishes and marks them.
CREATE TABLE outbox_events (
    id                uuid PRIMARY KEY,
    stream            varchar(100) NOT NULL,
    type              varchar(100) NOT NULL,
    aggregate_id      varchar(100) NOT NULL,
    aggregate_version bigint       NOT NULL,
    payload           jsonb        NOT NULL,
    traceparent       varchar(100),
    occurred_at       timestamptz  NOT NULL,
    published_at      timestamptz
);
CREATE INDEX outbox_events_unpublished_idx ON outbox_events (occurred_at) WHERE published_at IS NULL;

-- Events a consumer has handled, recorded in the handler's transaction so a redelivery is recognised.
CREATE TABLE processed_events (
    consumer     varchar(100) NOT NULL,
    event_id     uuid         NOT NULL,
    processed_at timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
