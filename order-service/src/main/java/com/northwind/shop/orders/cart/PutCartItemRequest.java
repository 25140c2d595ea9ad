package com.northwind.shop.orders.cart;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * How many units of a product the cart should hold.
 *
 * @param quantity 1 to 100
 */
public record PutCartItemRequest(@Min(1) @Max(100) int quantity) {}
