package com.northwind.shop.payments.payment;

import static org.assertj.core.api.Assertions.assertThat;

import com.northwind.shop.payments.Money;
import com.northwind.shop.payments.processor.ChargeOutcome;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The payment's own rules, without Spring or a database. */
class PaymentTests {

    static final Instant CREATED = Instant.parse("2026-12-01T09:31:00Z");
    static final Instant SETTLED = CREATED.plusSeconds(2);

    @Test
    void aCaptureSucceedsThePaymentAndMakesItRefundable() {
        Payment payment = pending();

        assertThat(payment.settle(ChargeOutcome.SUCCEEDED, SETTLED)).isTrue();

        assertThat(payment.status()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(payment.failureReason()).isNull();
        assertThat(payment.refundable()).isEqualTo(4999);
        assertThat(payment.updatedAt()).isEqualTo(SETTLED);
    }

    @Test
    void eachRefusalFailsThePaymentWithItsReasonAndCapturesNothing() {
        assertFailed(ChargeOutcome.DECLINED, "declined");
        assertFailed(ChargeOutcome.INSUFFICIENT_FUNDS, "insufficient_funds");
        assertFailed(ChargeOutcome.CANCELLED, "processor_no_charge");
    }

    @Test
    void aSettledPaymentIsNeverSettledAgain() {
        Payment succeeded = pending();
        succeeded.settle(ChargeOutcome.SUCCEEDED, SETTLED);
        Payment failed = pending();
        failed.settle(ChargeOutcome.DECLINED, SETTLED);

        for (ChargeOutcome outcome : ChargeOutcome.values()) {
            assertThat(succeeded.settle(outcome, SETTLED.plusSeconds(1)))
                    .as("%s", outcome)
                    .isFalse();
            assertThat(failed.settle(outcome, SETTLED.plusSeconds(1)))
                    .as("%s", outcome)
                    .isFalse();
        }
        assertThat(succeeded.status()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(failed.status()).isEqualTo(PaymentStatus.FAILED);
        assertThat(failed.failureReason()).isEqualTo("declined");
        assertThat(succeeded.updatedAt()).isEqualTo(SETTLED);
    }

    private static void assertFailed(ChargeOutcome outcome, String reason) {
        Payment payment = pending();

        assertThat(payment.settle(outcome, SETTLED)).as("%s", outcome).isTrue();

        assertThat(payment.status()).as("%s", outcome).isEqualTo(PaymentStatus.FAILED);
        assertThat(payment.failureReason()).as("%s", outcome).isEqualTo(reason);
        assertThat(payment.refundable()).as("%s", outcome).isZero();
    }

    private static Payment pending() {
        return Payment.pending(
                UUID.randomUUID(),
                UUID.randomUUID(),
                "key-" + UUID.randomUUID(),
                new Money(4999, "EUR"),
                "visa",
                "4242",
                CREATED);
    }
}
