/** Payments and refunds: charging an order once, idempotency keys, the resolver of unanswered charges. */
@NullMarked
package com.northwind.shop.payments.payment;

import org.jspecify.annotations.NullMarked;
