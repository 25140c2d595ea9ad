package com.northwind.shop.orders.order;

import com.northwind.shop.orders.Money;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.jspecify.annotations.Nullable;

/**
 * An order: its lines with the prices snapshotted at reservation, its status and every change of it. All status
 * rules live here; callers ask ({@link #cancel}, {@link #ship}, ...) and the order refuses what its status forbids.
 */
@Entity(name = "CustomerOrder")
@Table(name = "orders")
class Order {

    @Id
    private UUID id;

    private UUID userId;

    @Enumerated(EnumType.STRING)
    private OrderStatus status;

    private long totalAmount;

    @JdbcTypeCode(SqlTypes.CHAR)
    @Column(length = 3)
    private String currency;

    private Instant createdAt;
    private Instant updatedAt;
    private @Nullable Instant expiresAt;
    private @Nullable UUID paymentId;

    @Version
    private @Nullable Long version;

    @ElementCollection
    @CollectionTable(name = "order_lines", joinColumns = @JoinColumn(name = "order_id"))
    @OrderColumn(name = "position")
    private List<OrderLine> lines = new ArrayList<>();

    @ElementCollection
    @CollectionTable(name = "order_status_history", joinColumns = @JoinColumn(name = "order_id"))
    @OrderColumn(name = "position")
    private List<StatusChange> history = new ArrayList<>();

    protected Order() {
        this.id = new UUID(0, 0);
        this.userId = new UUID(0, 0);
        this.status = OrderStatus.AWAITING_PAYMENT;
        this.currency = "";
        this.createdAt = Instant.EPOCH;
        this.updatedAt = Instant.EPOCH;
    }

    /** A new order awaiting payment; all lines must be in one currency. */
    static Order place(UUID id, UUID userId, List<OrderLine> lines, Instant now, Instant expiresAt) {
        if (lines.isEmpty()) {
            throw new EmptyOrderException();
        }
        String currency = lines.get(0).unitPrice().currency();
        if (lines.stream().anyMatch(line -> !line.unitPrice().currency().equals(currency))) {
            throw new MixedCurrenciesException();
        }
        Order order = new Order();
        order.id = id;
        order.userId = userId;
        order.currency = currency;
        order.lines = new ArrayList<>(lines);
        order.totalAmount =
                lines.stream().mapToLong(line -> line.lineTotal().amount()).reduce(0L, Math::addExact);
        // The database keeps microseconds; trimming here makes the first answer equal every later read.
        order.createdAt = now.truncatedTo(ChronoUnit.MICROS);
        order.updatedAt = order.createdAt;
        order.expiresAt = expiresAt.truncatedTo(ChronoUnit.MICROS);
        order.status = OrderStatus.AWAITING_PAYMENT;
        order.history.add(new StatusChange(null, OrderStatus.AWAITING_PAYMENT, "placed", order.createdAt));
        return order;
    }

    /**
     * Cancels the order if it has not shipped yet; {@code false} if it already was cancelled (a repeat is not an
     * error). A paid order that is cancelled gets refunded through the payment saga.
     */
    boolean cancel(String reason, Instant now) {
        if (status == OrderStatus.CANCELLED) {
            return false;
        }
        if (status != OrderStatus.AWAITING_PAYMENT && status != OrderStatus.PAID) {
            throw new OrderStatusException("An order that is " + status + " cannot be cancelled.");
        }
        changeTo(OrderStatus.CANCELLED, reason, now);
        return true;
    }

    /** Whether the order waited for payment past its deadline. */
    boolean isExpired(Instant now) {
        return status == OrderStatus.AWAITING_PAYMENT && expiresAt != null && !now.isBefore(expiresAt);
    }

    void ship(Instant now) {
        require(OrderStatus.PAID, "shipped");
        changeTo(OrderStatus.SHIPPED, "shipped", now);
    }

    void deliver(Instant now) {
        require(OrderStatus.SHIPPED, "delivered");
        changeTo(OrderStatus.DELIVERED, "delivered", now);
    }

    /**
     * A payment of {@code amount} succeeded at the processor: the order is paid by it if it awaits payment (even just
     * past its deadline: until the expiry job cancelled it, the order is still payable) and the amount is its exact
     * total. The same payment again changes nothing; any other payment is rejected, and the order says why.
     */
    PaymentAcceptance acceptPayment(UUID payment, Money amount, Instant now) {
        if (isPaidBy(payment)) {
            return PaymentAcceptance.ALREADY_APPLIED;
        }
        if (status != OrderStatus.AWAITING_PAYMENT) {
            return status == OrderStatus.CANCELLED || status == OrderStatus.REFUNDED
                    ? PaymentAcceptance.ORDER_CANCELLED
                    : PaymentAcceptance.ALREADY_PAID;
        }
        if (!total().equals(amount)) {
            return PaymentAcceptance.AMOUNT_MISMATCH;
        }
        paymentId = payment;
        changeTo(OrderStatus.PAID, "payment-succeeded", now);
        return PaymentAcceptance.PAID;
    }

    /** Whether this payment is the one that paid the order. */
    boolean isPaidBy(UUID payment) {
        return payment.equals(paymentId);
    }

    /** Notes a declined payment; the order stays payable until its deadline. */
    void paymentFailed(String reason, Instant now) {
        require(OrderStatus.AWAITING_PAYMENT, "charged");
        changeTo(OrderStatus.AWAITING_PAYMENT, truncate("payment-failed:" + reason), now);
    }

    /**
     * The money taken for the order was returned in full: a paid order's own payment, or any payment of an order
     * cancelled without one (a payment that raced the expiry). {@code false} if this refund does not settle the order
     * (another payment's refund, an order still awaiting payment, or one already refunded).
     */
    boolean refunded(UUID payment, Instant now) {
        boolean settles = switch (status) {
            case PAID, SHIPPED, DELIVERED -> isPaidBy(payment);
            case CANCELLED -> paymentId == null || isPaidBy(payment);
            case AWAITING_PAYMENT, REFUNDED -> false;
        };
        if (settles) {
            changeTo(OrderStatus.REFUNDED, "refunded", now);
        }
        return settles;
    }

    private static String truncate(String reason) {
        return reason.length() <= 40 ? reason : reason.substring(0, 40);
    }

    private void require(OrderStatus expected, String action) {
        if (status != expected) {
            throw new OrderStatusException("An order that is " + status + " cannot be " + action + ".");
        }
    }

    private void changeTo(OrderStatus next, String reason, Instant now) {
        Instant at = now.truncatedTo(ChronoUnit.MICROS);
        history.add(new StatusChange(status, next, reason, at));
        status = next;
        updatedAt = at;
    }

    boolean isOwnedBy(UUID user) {
        return userId.equals(user);
    }

    UUID id() {
        return id;
    }

    UUID userId() {
        return userId;
    }

    OrderStatus status() {
        return status;
    }

    Money total() {
        return new Money(totalAmount, currency);
    }

    Instant createdAt() {
        return createdAt;
    }

    @Nullable
    Instant expiresAt() {
        return expiresAt;
    }

    @Nullable
    UUID paymentId() {
        return paymentId;
    }

    long version() {
        return version == null ? 0 : version;
    }

    List<OrderLine> lines() {
        return Collections.unmodifiableList(lines);
    }

    List<StatusChange> history() {
        return Collections.unmodifiableList(history);
    }
}
