-- Orders. Money is integer minor units plus an ISO-4217 currency.
CREATE TABLE orders (
    id           uuid PRIMARY KEY,
    user_id      uuid        NOT NULL,
    status       varchar(20) NOT NULL CHECK (status IN
                     ('AWAITING_PAYMENT', 'PAID', 'SHIPPED', 'DELIVERED', 'CANCELLED', 'REFUNDED')),
    total_amount bigint      NOT NULL CHECK (total_amount >= 0),
    currency     char(3)     NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz,
    version      bigint      NOT NULL DEFAULT 0
);
CREATE INDEX orders_user_created_idx ON orders (user_id, created_at DESC);
CREATE INDEX orders_awaiting_payment_expiry_idx ON orders (expires_at) WHERE status = 'AWAITING_PAYMENT';
