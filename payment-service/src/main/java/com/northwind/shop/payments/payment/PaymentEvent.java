package com.northwind.shop.payments.payment;

import com.northwind.shop.platform.events.PublishedEvent;

/** The events payment-service publishes on {@code payments.events}; their JSON is the saga's contract. */
sealed interface PaymentEvent extends PublishedEvent permits PaymentSucceeded, PaymentFailed, PaymentRefunded {

    String STREAM = "payments.events";

    @Override
    default String stream() {
        return STREAM;
    }
}
