package com.northwind.shop.orders.cart;

import java.util.UUID;

/**
 * A product in a cart and how many of it; never a price.
 *
 * @param productId the product
 * @param quantity how many units
 */
public record CartLine(UUID productId, int quantity) {}
