package com.northwind.shop.platform.idempotency;

/**
 * An answer as it was first sent, replayed for a repeated {@code Idempotency-Key}.
 *
 * @param status the HTTP status
 * @param body the JSON body
 */
public record StoredResponse(int status, String body) {}
