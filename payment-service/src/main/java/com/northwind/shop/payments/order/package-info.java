/** order-service as payment-service sees it: the internal order look-up and the orders.events consumers. */
@NullMarked
package com.northwind.shop.payments.order;

import org.jspecify.annotations.NullMarked;
