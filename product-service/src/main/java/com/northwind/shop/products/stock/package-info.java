/**
 * The stock on the shelf: reservations for orders (all-or-nothing, idempotent by order id, never overselling,
 * expiring on their own) and the admin's adjustments (deliveries, write-offs of unreserved units).
 */
@NullMarked
package com.northwind.shop.products.stock;

import org.jspecify.annotations.NullMarked;
