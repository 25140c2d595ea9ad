package com.northwind.shop.products.stock;

import java.util.UUID;

/**
 * A line of a reservation that cannot be served.
 *
 * @param productId the product
 * @param requested the units asked for
 * @param available the units on sale (0 for an unknown or inactive product)
 */
record Shortage(UUID productId, int requested, int available) {}
