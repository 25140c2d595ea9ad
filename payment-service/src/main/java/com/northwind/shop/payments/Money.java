package com.northwind.shop.payments;

/**
 * An amount of money in integer minor units (cents) of an ISO-4217 currency; never floating point.
 *
 * @param amount the amount in minor units
 * @param currency the ISO-4217 code, e.g. {@code EUR}
 */
public record Money(long amount, String currency) {}
