/**
 * {@code Idempotency-Key} records for POST endpoints, as Stripe keeps them: per user, with a hash of the request, the
 * first answer replayed, a different request refused, a request in flight reported. Each service keeps the table
 * {@code idempotency_records (user_id, idempotency_key, request_hash, state, response_status, response_body,
 * created_at)} in its own schema, created by its own migration.
 */
@NullMarked
package com.northwind.shop.platform.idempotency;

import org.jspecify.annotations.NullMarked;
