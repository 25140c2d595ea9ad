-- One cart per user; prices are never stored here, they are always the current ones from product-service.
CREATE TABLE cart_items (
    user_id    uuid        NOT NULL,
    product_id uuid        NOT NULL,
    quantity   integer     NOT NULL CHECK (quantity BETWEEN 1 AND 10000),
    added_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, product_id)
);
