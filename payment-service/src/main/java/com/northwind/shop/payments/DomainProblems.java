package com.northwind.shop.payments;

import com.northwind.shop.payments.order.OrderServiceUnavailableException;
import com.northwind.shop.payments.payment.InvalidCardException;
import com.northwind.shop.payments.payment.OrderNotFoundException;
import com.northwind.shop.payments.payment.OrderNotPayableException;
import com.northwind.shop.payments.payment.PaymentExistsException;
import com.northwind.shop.payments.payment.PaymentNotFoundException;
import com.northwind.shop.payments.payment.RefundRefusedException;
import com.northwind.shop.platform.problem.Problems;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Maps payment-service's domain exceptions to problem details; everything else is left to the platform's handler. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class DomainProblems {

    private static final Logger log = LoggerFactory.getLogger(DomainProblems.class);

    @ExceptionHandler(InvalidCardException.class)
    ResponseEntity<ProblemDetail> invalidCard(InvalidCardException ex) {
        return Problems.response(
                Problems.withErrors(Problems.of(HttpStatus.BAD_REQUEST, "The card is invalid."), ex.errors()));
    }

    @ExceptionHandler({OrderNotFoundException.class, PaymentNotFoundException.class})
    ResponseEntity<ProblemDetail> notFound(RuntimeException ex) {
        return problem(HttpStatus.NOT_FOUND, ex, null);
    }

    @ExceptionHandler(OrderNotPayableException.class)
    ResponseEntity<ProblemDetail> notPayable(RuntimeException ex) {
        return problem(HttpStatus.CONFLICT, ex, "order-not-payable");
    }

    @ExceptionHandler(PaymentExistsException.class)
    ResponseEntity<ProblemDetail> alreadyPaid(RuntimeException ex) {
        return problem(HttpStatus.CONFLICT, ex, "payment-exists");
    }

    @ExceptionHandler(RefundRefusedException.class)
    ResponseEntity<ProblemDetail> refundRefused(RuntimeException ex) {
        return problem(HttpStatus.CONFLICT, ex, "refund-refused");
    }

    @ExceptionHandler(PessimisticLockingFailureException.class)
    ResponseEntity<ProblemDetail> lockTimeout() {
        return Problems.response(Problems.of(
                HttpStatus.CONFLICT, "The payment is being changed by another request; retry.", "concurrent-change"));
    }

    @ExceptionHandler(OrderServiceUnavailableException.class)
    ResponseEntity<ProblemDetail> downstream(RuntimeException ex) {
        log.warn("order-service call failed", ex);
        return Problems.response(Problems.of(
                HttpStatus.SERVICE_UNAVAILABLE,
                "Orders cannot be checked right now; nothing was charged. Retry later.",
                "downstream-unavailable"));
    }

    private static ResponseEntity<ProblemDetail> problem(
            HttpStatus status, RuntimeException ex, @Nullable String slug) {
        return Problems.response(Problems.of(status, String.valueOf(ex.getMessage()), slug));
    }
}
