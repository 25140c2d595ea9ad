/** Orders: placing with stock reservations and price snapshots, reading, cancelling, fulfilment, expiry. */
@NullMarked
package com.northwind.shop.orders.order;

import org.jspecify.annotations.NullMarked;
