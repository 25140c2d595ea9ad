/** The shopping cart: one per user, priced with current product prices. */
@NullMarked
package com.northwind.shop.orders.cart;

import org.jspecify.annotations.NullMarked;
