/** The client of product-service: product reads and stock reservations. */
@NullMarked
package com.northwind.shop.orders.product;

import org.jspecify.annotations.NullMarked;
