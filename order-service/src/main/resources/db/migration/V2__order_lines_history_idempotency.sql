-- Order lines: the product's name and unit price as product-service quoted them when stock was reserved. A later
-- price change never touches an order.
CREATE TABLE order_lines (
    order_id    uuid         NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    position    integer      NOT NULL CHECK (position >= 0),
    product_id  uuid         NOT NULL,
    name        varchar(200) NOT NULL,
    quantity    integer      NOT NULL CHECK (quantity BETWEEN 1 AND 10000),
    unit_amount bigint       NOT NULL CHECK (unit_amount >= 0),
    currency    char(3)      NOT NULL,
    line_total  bigint       NOT NULL CHECK (line_total >= 0),
    PRIMARY KEY (order_id, position),
    UNIQUE (order_id, product_id)
);

-- Every status change of an order, oldest first.
CREATE TABLE order_status_history (
    order_id    uuid        NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    position    integer     NOT NULL CHECK (position >= 0),
    from_status varchar(20),
    to_status   varchar(20) NOT NULL,
    reason      varchar(40) NOT NULL,
    changed_at  timestamptz NOT NULL,
    PRIMARY KEY (order_id, position)
);

-- Idempotency-Key records of POST /api/orders, per user. IN_PROGRESS while the first request runs (a duplicate
-- gets 409), DONE with the first answer afterwards (a duplicate gets it replayed).
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
