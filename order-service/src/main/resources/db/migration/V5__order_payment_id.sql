-- The payment that paid the order (payment-service's id, from PaymentSucceeded). A second payment for the same order
-- is rejected and refunded; a redelivered PaymentSucceeded of this one is recognised by it.
ALTER TABLE orders ADD COLUMN payment_id uuid;
CREATE UNIQUE INDEX orders_payment_id_idx ON orders (payment_id) WHERE payment_id IS NOT NULL;
