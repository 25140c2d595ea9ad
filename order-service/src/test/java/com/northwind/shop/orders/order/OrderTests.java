package com.northwind.shop.orders.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.northwind.shop.orders.Money;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The order's own rules, without Spring or a database. */
class OrderTests {

    static final Instant PLACED = Instant.parse("2026-12-01T09:30:00Z");
    static final Money TOTAL = new Money(2598, "USD");

    @Test
    void aPaymentOfTheExactTotalPaysAnOrderAwaitingPayment() {
        Order order = placed();
        UUID payment = UUID.randomUUID();

        assertThat(order.acceptPayment(payment, TOTAL, PLACED.plusSeconds(60))).isEqualTo(PaymentAcceptance.PAID);

        assertThat(order.status()).isEqualTo(OrderStatus.PAID);
        assertThat(order.paymentId()).isEqualTo(payment);
        assertThat(order.history().getLast().reason()).isEqualTo("payment-succeeded");
    }

    @Test
    void aPaymentJustPastTheDeadlineStillPaysUntilTheOrderIsExpired() {
        Order order = placed();

        assertThat(order.acceptPayment(
                        UUID.randomUUID(), TOTAL, order.expiresAt().plusSeconds(1)))
                .isEqualTo(PaymentAcceptance.PAID);
    }

    @Test
    void theSamePaymentAgainChangesNothing() {
        Order order = placed();
        UUID payment = UUID.randomUUID();
        order.acceptPayment(payment, TOTAL, PLACED.plusSeconds(60));
        int changes = order.history().size();

        assertThat(order.acceptPayment(payment, TOTAL, PLACED.plusSeconds(120)))
                .isEqualTo(PaymentAcceptance.ALREADY_APPLIED);
        assertThat(order.history()).hasSize(changes);
    }

    @Test
    void anotherPaymentOfAPaidOrderIsRejectedAsAlreadyPaid() {
        Order order = placed();
        UUID first = UUID.randomUUID();
        order.acceptPayment(first, TOTAL, PLACED.plusSeconds(60));

        assertThat(order.acceptPayment(UUID.randomUUID(), TOTAL, PLACED.plusSeconds(120)))
                .isEqualTo(PaymentAcceptance.ALREADY_PAID);
        assertThat(PaymentAcceptance.ALREADY_PAID.rejection()).isEqualTo("already-paid");
        assertThat(order.paymentId()).isEqualTo(first);
    }

    @Test
    void aPaymentOfACancelledOrRefundedOrderIsRejectedAsCancelled() {
        Order cancelled = placed();
        cancelled.cancel("customer", PLACED.plusSeconds(30));
        Order refunded = placed();
        UUID payment = UUID.randomUUID();
        refunded.acceptPayment(payment, TOTAL, PLACED.plusSeconds(30));
        refunded.refunded(payment, PLACED.plusSeconds(60));

        assertThat(cancelled.acceptPayment(UUID.randomUUID(), TOTAL, PLACED.plusSeconds(90)))
                .isEqualTo(PaymentAcceptance.ORDER_CANCELLED);
        assertThat(refunded.acceptPayment(UUID.randomUUID(), TOTAL, PLACED.plusSeconds(90)))
                .isEqualTo(PaymentAcceptance.ORDER_CANCELLED);
        assertThat(PaymentAcceptance.ORDER_CANCELLED.rejection()).isEqualTo("order-cancelled");
        assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(refunded.status()).isEqualTo(OrderStatus.REFUNDED);
    }

    @Test
    void aPaymentOfAnotherAmountOrCurrencyIsRejectedAndTheOrderStaysPayable() {
        Order order = placed();

        assertThat(order.acceptPayment(UUID.randomUUID(), new Money(2597, "USD"), PLACED.plusSeconds(60)))
                .isEqualTo(PaymentAcceptance.AMOUNT_MISMATCH);
        assertThat(order.acceptPayment(UUID.randomUUID(), new Money(2598, "EUR"), PLACED.plusSeconds(60)))
                .isEqualTo(PaymentAcceptance.AMOUNT_MISMATCH);
        assertThat(PaymentAcceptance.AMOUNT_MISMATCH.rejection()).isEqualTo("amount-mismatch");
        assertThat(order.status()).isEqualTo(OrderStatus.AWAITING_PAYMENT);
        assertThat(order.paymentId()).isNull();
        assertThat(PaymentAcceptance.PAID.rejection()).isNull();
        assertThat(PaymentAcceptance.ALREADY_APPLIED.rejection()).isNull();
    }

    private static Order placed() {
        return Order.place(
                UUID.randomUUID(),
                UUID.randomUUID(),
                List.of(new OrderLine(UUID.randomUUID(), "Enamel mug", 2, new Money(1299, "USD"))),
                PLACED,
                PLACED.plus(Duration.ofMinutes(15)));
    }
}
