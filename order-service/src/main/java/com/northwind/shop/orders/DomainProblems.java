package com.northwind.shop.orders;

import com.northwind.shop.orders.cart.CartFullException;
import com.northwind.shop.orders.cart.InvalidCartTokenException;
import com.northwind.shop.orders.order.EmptyOrderException;
import com.northwind.shop.orders.order.IdempotencyKeyReusedException;
import com.northwind.shop.orders.order.MissingIdempotencyKeyException;
import com.northwind.shop.orders.order.MixedCurrenciesException;
import com.northwind.shop.orders.order.OrderNotFoundException;
import com.northwind.shop.orders.order.OrderStatusException;
import com.northwind.shop.orders.order.RequestInProgressException;
import com.northwind.shop.orders.product.InsufficientStockException;
import com.northwind.shop.orders.product.ProductServiceUnavailableException;
import com.northwind.shop.orders.product.ProductUnavailableException;
import com.northwind.shop.platform.problem.Problems;
import com.northwind.shop.platform.web.TraceIds;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.filter.ServerHttpObservationFilter;

/** Maps order-service's domain exceptions to problem details; everything else is left to the platform's handler. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class DomainProblems {

    private static final Logger log = LoggerFactory.getLogger(DomainProblems.class);

    private final TraceIds traceIds;

    DomainProblems(TraceIds traceIds) {
        this.traceIds = traceIds;
    }

    @ExceptionHandler(InvalidCartTokenException.class)
    ResponseEntity<ProblemDetail> badCartToken(RuntimeException ex, HttpServletRequest request) {
        return problem(HttpStatus.BAD_REQUEST, ex, "invalid-cart-token", request);
    }

    @ExceptionHandler(MissingIdempotencyKeyException.class)
    ResponseEntity<ProblemDetail> missingKey(RuntimeException ex, HttpServletRequest request) {
        return problem(HttpStatus.BAD_REQUEST, ex, "idempotency-key-missing", request);
    }

    @ExceptionHandler(IdempotencyKeyReusedException.class)
    ResponseEntity<ProblemDetail> keyReused(RuntimeException ex, HttpServletRequest request) {
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, ex, "idempotency-key-reused", request);
    }

    @ExceptionHandler(RequestInProgressException.class)
    ResponseEntity<ProblemDetail> inProgress(RuntimeException ex, HttpServletRequest request) {
        return problem(HttpStatus.CONFLICT, ex, "request-in-progress", request);
    }

    @ExceptionHandler(InsufficientStockException.class)
    ResponseEntity<ProblemDetail> insufficientStock(InsufficientStockException ex, HttpServletRequest request) {
        ResponseEntity<ProblemDetail> response = problem(HttpStatus.CONFLICT, ex, "insufficient-stock", request);
        Objects.requireNonNull(response.getBody()).setProperty("lines", ex.lines());
        return response;
    }

    @ExceptionHandler({
        ProductUnavailableException.class,
        EmptyOrderException.class,
        MixedCurrenciesException.class,
        CartFullException.class
    })
    ResponseEntity<ProblemDetail> unprocessable(RuntimeException ex, HttpServletRequest request) {
        String slug = ex instanceof ProductUnavailableException
                ? "product-unavailable"
                : ex instanceof EmptyOrderException
                        ? "empty-order"
                        : ex instanceof CartFullException ? "cart-full" : "mixed-currencies";
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, ex, slug, request);
    }

    @ExceptionHandler(OrderNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(RuntimeException ex, HttpServletRequest request) {
        return problem(HttpStatus.NOT_FOUND, ex, null, request);
    }

    @ExceptionHandler(OrderStatusException.class)
    ResponseEntity<ProblemDetail> wrongStatus(RuntimeException ex, HttpServletRequest request) {
        return problem(HttpStatus.CONFLICT, ex, "order-status", request);
    }

    @ExceptionHandler(OptimisticLockingFailureException.class)
    ResponseEntity<ProblemDetail> concurrentChange(HttpServletRequest request) {
        return problem(
                HttpStatus.CONFLICT,
                "The order was changed at the same time by another request; reload it and retry.",
                "concurrent-change",
                request);
    }

    @ExceptionHandler(ProductServiceUnavailableException.class)
    ResponseEntity<ProblemDetail> downstream(RuntimeException ex, HttpServletRequest request) {
        log.warn("product-service call failed", ex);
        return problem(
                HttpStatus.SERVICE_UNAVAILABLE,
                "The product catalog is temporarily unavailable; retry later.",
                "downstream-unavailable",
                request);
    }

    private ResponseEntity<ProblemDetail> problem(
            HttpStatus status, RuntimeException ex, @Nullable String slug, HttpServletRequest request) {
        return problem(status, String.valueOf(ex.getMessage()), slug, request);
    }

    private ResponseEntity<ProblemDetail> problem(
            HttpStatus status, String detail, @Nullable String slug, HttpServletRequest request) {
        ProblemDetail problem = Problems.complete(
                Problems.of(status, detail, slug),
                request.getRequestURI(),
                traceIds.of(ServerHttpObservationFilter.findObservationContext(request)
                        .orElse(null)));
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
