-- What was refunded of a payment, and the rule that an order is charged at most once: at most one payment per order
-- that is in flight or holds money (PENDING, SUCCEEDED, PARTIALLY_REFUNDED). A new attempt is possible only after a
-- FAILED one (or after a full refund).
ALTER TABLE payments ADD COLUMN refunded_amount bigint NOT NULL DEFAULT 0 CHECK (refunded_amount >= 0);
ALTER TABLE payments ADD CONSTRAINT payments_refund_le_amount CHECK (refunded_amount <= amount);
CREATE UNIQUE INDEX payments_one_live_per_order_idx ON payments (order_id)
    WHERE status IN ('PENDING', 'SUCCEEDED', 'PARTIALLY_REFUNDED');
-- The resolver's look-up of payments whose processor answer never arrived.
CREATE INDEX payments_pending_idx ON payments (created_at) WHERE status = 'PENDING';

-- Every refund of a payment (full or partial), each one published as PaymentRefunded.
CREATE TABLE refunds (
    id         uuid PRIMARY KEY,
    payment_id uuid         NOT NULL REFERENCES payments (id),
    amount     bigint       NOT NULL CHECK (amount > 0),
    currency   char(3)      NOT NULL,
    reason     varchar(100) NOT NULL,
    created_at timestamptz  NOT NULL
);
CREATE INDEX refunds_payment_idx ON refunds (payment_id);

-- Orders known to be cancelled (from orders.events OrderCancelled): a new charge for them is refused.
CREATE TABLE cancelled_orders (
    order_id     uuid PRIMARY KEY,
    cancelled_at timestamptz NOT NULL
);

-- Idempotency-Key records of POST /api/payments, per user. IN_PROGRESS while the first request runs (a duplicate
-- gets 409), DONE with the first answer afterwards (a duplicate with the same request gets it replayed). The hash is
-- of the request with the card number reduced to brand and last four digits and without the CVC.
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

-- The simulated card processor's own ledger (it stands in for Stripe and would live there). Keyed by the
-- processor's idempotency key, the payment id: a repeated charge of the same payment id never charges twice.
-- outcome CANCELLED marks a charge the resolver gave up on before it reached the processor, so it can never land.
CREATE TABLE processor_charges (
    payment_id uuid PRIMARY KEY,
    amount     bigint      NOT NULL CHECK (amount >= 0),
    currency   char(3)     NOT NULL,
    outcome    varchar(30) NOT NULL CHECK (outcome IN ('SUCCEEDED', 'DECLINED', 'INSUFFICIENT_FUNDS', 'CANCELLED')),
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE processor_refunds (
    refund_id  uuid PRIMARY KEY,
    payment_id uuid        NOT NULL REFERENCES processor_charges (payment_id),
    amount     bigint      NOT NULL CHECK (amount > 0),
    created_at timestamptz NOT NULL DEFAULT now()
);
