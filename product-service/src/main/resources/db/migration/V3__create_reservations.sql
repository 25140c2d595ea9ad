-- Stock held for an order until it is paid (CONFIRMED), cancelled (RELEASED) or left unpaid (EXPIRED).
-- The order id is the idempotency key: one reservation per order, ever.
CREATE TABLE reservations (
    order_id   uuid PRIMARY KEY,
    status     varchar(16) NOT NULL CHECK (status IN ('RESERVED', 'CONFIRMED', 'RELEASED', 'EXPIRED')),
    expires_at timestamptz NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
-- The expiry job only ever looks at live reservations past their deadline.
CREATE INDEX reservations_expiry_idx ON reservations (expires_at) WHERE status = 'RESERVED';

-- What was reserved, with the price and name the order was quoted (product-service is the price authority).
CREATE TABLE reservation_lines (
    order_id          uuid         NOT NULL REFERENCES reservations (order_id),
    product_id        uuid         NOT NULL REFERENCES products (id),
    quantity          integer      NOT NULL CHECK (quantity > 0),
    sku               varchar(64)  NOT NULL,
    name              varchar(200) NOT NULL,
    unit_price_amount bigint       NOT NULL CHECK (unit_price_amount >= 0),
    currency          char(3)      NOT NULL,
    PRIMARY KEY (order_id, product_id)
);
CREATE INDEX reservation_lines_product_idx ON reservation_lines (product_id);
