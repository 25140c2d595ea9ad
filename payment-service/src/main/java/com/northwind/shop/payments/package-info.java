/** payment-service: payments, refunds and idempotency records. */
@NullMarked
package com.northwind.shop.payments;

import org.jspecify.annotations.NullMarked;
