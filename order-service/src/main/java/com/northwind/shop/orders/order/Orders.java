package com.northwind.shop.orders.order;

import jakarta.persistence.LockModeType;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

/**
 * Orders. Pages are read in two steps, ids then orders with their lines in one query, because a page limit on a
 * collection fetch join would be applied in memory.
 */
interface Orders extends JpaRepository<Order, UUID> {

    @Query(
            value = "select o.id from CustomerOrder o where o.userId = :userId",
            countQuery = "select count(o) from CustomerOrder o where o.userId = :userId")
    Page<UUID> findIdsByUserId(UUID userId, Pageable pageable);

    @Query(value = "select o.id from CustomerOrder o", countQuery = "select count(o) from CustomerOrder o")
    Page<UUID> findAllIds(Pageable pageable);

    @Query(
            value = "select o.id from CustomerOrder o where o.status = :status",
            countQuery = "select count(o) from CustomerOrder o where o.status = :status")
    Page<UUID> findIdsByStatus(OrderStatus status, Pageable pageable);

    @EntityGraph(attributePaths = "lines")
    @Query("select o from CustomerOrder o where o.id in :ids")
    List<Order> findWithLinesByIdIn(Collection<UUID> ids);

    @EntityGraph(attributePaths = "lines")
    @Query("select o from CustomerOrder o where o.id = :id")
    Optional<Order> findWithLinesById(UUID id);

    /**
     * Locks the order's row until the transaction ends; empty if there is no such order. Everything that changes an
     * order's status from outside a request (events, the expiry job) or races one (cancel) takes this lock first, so
     * that a payment and an expiry or cancel of the same order run one after the other, never interleaved.
     */
    @Query(value = "SELECT id FROM orders WHERE id = :id FOR UPDATE", nativeQuery = true)
    Optional<UUID> lockById(UUID id);

    /**
     * The order with its row locked until the transaction ends (the lock {@link #lockById} takes), in one statement
     * instead of a lock and a read.
     */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select o from CustomerOrder o where o.id = :id")
    Optional<Order> findLockedById(UUID id);
}
