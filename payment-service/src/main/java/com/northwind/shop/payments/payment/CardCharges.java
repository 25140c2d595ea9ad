package com.northwind.shop.payments.payment;

import com.northwind.shop.payments.config.PaymentsProperties;
import com.northwind.shop.payments.processor.Card;
import com.northwind.shop.payments.processor.CardProcessor;
import com.northwind.shop.payments.processor.ChargeOutcome;
import jakarta.annotation.PreDestroy;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Charges a PENDING payment's card with the processor, outside any transaction and with a timeout: a charge whose
 * answer does not come in time stays PENDING for the {@link PendingPaymentResolver}.
 */
@Component
class CardCharges {

    private static final Logger log = LoggerFactory.getLogger(CardCharges.class);

    private final CardProcessor processor;
    private final PaymentsProperties properties;
    private final ExecutorService charges = Executors.newVirtualThreadPerTaskExecutor();

    CardCharges(CardProcessor processor, PaymentsProperties properties) {
        this.processor = processor;
        this.properties = properties;
    }

    @PreDestroy
    void stop() {
        charges.shutdownNow();
    }

    /** The processor's outcome, or {@code null} if it did not answer in time (or the call broke: outcome unknown). */
    @Nullable
    ChargeOutcome charge(Payment payment, Card card) {
        Future<ChargeOutcome> call = charges.submit(() -> processor.charge(payment.id(), payment.amount(), card));
        try {
            return call.get(properties.processor().timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException ex) {
            call.cancel(true);
            log.warn("The processor did not answer for payment {} in time; it stays PENDING", payment.id());
            return null;
        } catch (ExecutionException ex) {
            log.warn("The processor call for payment {} failed; it stays PENDING", payment.id(), ex.getCause());
            return null;
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            call.cancel(true);
            return null;
        }
    }
}
