package com.northwind.shop.products.stock;

import java.util.UUID;

/**
 * Published on {@code products.events} when a paid order's stock cannot be taken: order-service cancels the order,
 * and payment-service refunds it.
 *
 * @param orderId the paid order
 * @param reason {@code insufficient-stock} (its reservation expired and the units sold out) or {@code no-reservation}
 */
record StockUnavailable(UUID orderId, String reason) implements ProductEvent {}
