-- The newest version of each payment whose event order-service applied (issue #16 item 9): events of one payment can
-- arrive out of order (another instance, a retried entry, a re-publish), and an older one must not undo a newer one,
-- e.g. a PaymentSucceeded handled after the same payment's full refund would mark the order PAID with its money back.
CREATE TABLE payment_event_versions (
    payment_id uuid PRIMARY KEY,
    version    bigint NOT NULL
);
