-- The Idempotency-Key of the request that started a payment, so that whoever settles it later (the PENDING resolver,
-- or a retry of the same key that finds the first request dead) can complete that key's record with the real answer.
ALTER TABLE payments ADD COLUMN idempotency_key varchar(100);
CREATE INDEX payments_user_key_idx ON payments (user_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
