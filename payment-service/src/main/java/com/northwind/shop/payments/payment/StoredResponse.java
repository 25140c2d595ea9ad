package com.northwind.shop.payments.payment;

/**
 * An answer as it was first sent, replayed for a repeated {@code Idempotency-Key}.
 *
 * @param status the HTTP status
 * @param body the JSON body (a problem document when the status is 4xx)
 */
public record StoredResponse(int status, String body) {}
