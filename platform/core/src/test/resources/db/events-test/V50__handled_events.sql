-- What the test handler writes, in the consumer's transaction.
CREATE TABLE handled_events (
    event_id uuid        NOT NULL,
    type     varchar(50) NOT NULL
);
