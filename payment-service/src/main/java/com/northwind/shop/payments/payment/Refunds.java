package com.northwind.shop.payments.payment;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface Refunds extends JpaRepository<Refund, UUID> {

    List<Refund> findByPaymentIdOrderByCreatedAtAscIdAsc(UUID paymentId);
}
