-- Payments. Only the card's brand and last four digits are ever stored.
CREATE TABLE payments (
    id             uuid PRIMARY KEY,
    order_id       uuid        NOT NULL,
    user_id        uuid        NOT NULL,
    status         varchar(20) NOT NULL CHECK (status IN
                       ('PENDING', 'SUCCEEDED', 'FAILED', 'REFUNDED', 'PARTIALLY_REFUNDED')),
    amount         bigint      NOT NULL CHECK (amount >= 0),
    currency       char(3)     NOT NULL,
    card_brand     varchar(20),
    card_last4     char(4),
    failure_reason varchar(100),
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    version        bigint      NOT NULL DEFAULT 0
);
CREATE INDEX payments_order_idx ON payments (order_id);
