package com.northwind.shop.orders;

/**
 * An amount of money in integer minor units (cents) of an ISO-4217 currency; never floating point.
 *
 * @param amount the amount in minor units
 * @param currency the ISO-4217 code, e.g. {@code USD}
 */
public record Money(long amount, String currency) {}
