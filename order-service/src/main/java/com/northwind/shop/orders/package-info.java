/** order-service: carts, orders, order lines and status history. */
@NullMarked
package com.northwind.shop.orders;

import org.jspecify.annotations.NullMarked;
