package com.northwind.shop.payments.payment;

/** Where a payment stands. */
public enum PaymentStatus {
    /** Sent to the processor, answer not known yet. */
    PENDING,
    /** Captured. */
    SUCCEEDED,
    /** Not captured (declined, insufficient funds, or given up on); another attempt for the order is possible. */
    FAILED,
    /** Captured and partly given back. */
    PARTIALLY_REFUNDED,
    /** Captured and given back in full. */
    REFUNDED
}
