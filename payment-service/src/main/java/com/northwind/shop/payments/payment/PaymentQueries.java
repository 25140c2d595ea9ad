package com.northwind.shop.payments.payment;

import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads payments for their owner or an admin; another user's payment is "not found". */
@Service
@Transactional(readOnly = true)
class PaymentQueries {

    private final Payments payments;

    PaymentQueries(Payments payments) {
        this.payments = payments;
    }

    /** One payment, for its owner or an admin. */
    PaymentResponse get(UUID userId, boolean admin, UUID paymentId) {
        return payments.findById(paymentId)
                .filter(payment -> admin || payment.isOwnedBy(userId))
                .map(PaymentResponse::from)
                .orElseThrow(() -> new PaymentNotFoundException(paymentId));
    }

    /** The payments of an order, oldest first: the owner's, or any for an admin. */
    List<PaymentResponse> ofOrder(UUID userId, boolean admin, UUID orderId) {
        return payments.findByOrderIdOrderByCreatedAtAscIdAsc(orderId).stream()
                .filter(payment -> admin || payment.isOwnedBy(userId))
                .map(PaymentResponse::from)
                .toList();
    }
}
