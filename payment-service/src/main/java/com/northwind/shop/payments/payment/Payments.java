package com.northwind.shop.payments.payment;

import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface Payments extends JpaRepository<Payment, UUID> {

    List<Payment> findByOrderIdOrderByCreatedAtAscIdAsc(UUID orderId);

    /** The payment a request with this Idempotency-Key started, if it got that far. */
    Optional<Payment> findFirstByUserIdAndIdempotencyKeyOrderByCreatedAtDesc(UUID userId, String idempotencyKey);

    /** The payment with its row locked until the transaction ends: refunds and settlement go one at a time. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select p from Payment p where p.id = :id")
    Optional<Payment> lockById(@Param("id") UUID id);

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select p from Payment p where p.orderId = :orderId order by p.createdAt, p.id")
    List<Payment> lockByOrderId(@Param("orderId") UUID orderId);
}
