-- Why a reservation gave its stock back (issue #16 item 8): an OrderPaid ignores a cancelled order's reservation but
-- takes the stock again for one released for any other reason (expiry, a failed checkout whose order exists after all),
-- or publishes StockUnavailable. Every reservation released before this column existed was released by a cancel or
-- its expiry.
ALTER TABLE reservations ADD COLUMN release_reason varchar(32)
    CHECK (release_reason IN ('cancelled', 'expired', 'checkout-failed'));
UPDATE reservations SET release_reason = 'cancelled' WHERE status = 'RELEASED';
UPDATE reservations SET release_reason = 'expired' WHERE status = 'EXPIRED';
