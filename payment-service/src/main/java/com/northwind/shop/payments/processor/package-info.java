/** The card processor (simulated: a stand-in for Stripe with its own ledger and test cards). */
@NullMarked
package com.northwind.shop.payments.processor;

import org.jspecify.annotations.NullMarked;
