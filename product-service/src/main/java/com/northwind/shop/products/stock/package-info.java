/** Stock reservations for orders: all-or-nothing, idempotent by order id, never overselling, expiring on their own. */
@NullMarked
package com.northwind.shop.products.stock;

import org.jspecify.annotations.NullMarked;
