package com.northwind.shop.orders;

import com.northwind.shop.orders.cart.CartFullException;
import com.northwind.shop.orders.cart.InvalidCartTokenException;
import com.northwind.shop.orders.order.EmptyOrderException;
import com.northwind.shop.orders.order.MixedCurrenciesException;
import com.northwind.shop.orders.order.OrderNotFoundException;
import com.northwind.shop.orders.order.OrderStatusException;
import com.northwind.shop.orders.product.InsufficientStockException;
import com.northwind.shop.orders.product.ProductServiceUnavailableException;
import com.northwind.shop.orders.product.ProductUnavailableException;
import com.northwind.shop.platform.problem.Problems;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Maps order-service's domain exceptions to problem details; everything else is left to the platform's handler. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class DomainProblems {

    private static final Logger log = LoggerFactory.getLogger(DomainProblems.class);

    @ExceptionHandler(InvalidCartTokenException.class)
    ResponseEntity<ProblemDetail> badCartToken(RuntimeException ex) {
        return problem(HttpStatus.BAD_REQUEST, ex, "invalid-cart-token");
    }

    @ExceptionHandler(InsufficientStockException.class)
    ResponseEntity<ProblemDetail> insufficientStock(InsufficientStockException ex) {
        ResponseEntity<ProblemDetail> response = problem(HttpStatus.CONFLICT, ex, "insufficient-stock");
        Objects.requireNonNull(response.getBody()).setProperty("lines", ex.lines());
        return response;
    }

    @ExceptionHandler({
        ProductUnavailableException.class,
        EmptyOrderException.class,
        MixedCurrenciesException.class,
        CartFullException.class
    })
    ResponseEntity<ProblemDetail> unprocessable(RuntimeException ex) {
        String slug = ex instanceof ProductUnavailableException
                ? "product-unavailable"
                : ex instanceof EmptyOrderException
                        ? "empty-order"
                        : ex instanceof CartFullException ? "cart-full" : "mixed-currencies";
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, ex, slug);
    }

    @ExceptionHandler(OrderNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(RuntimeException ex) {
        return problem(HttpStatus.NOT_FOUND, ex, null);
    }

    @ExceptionHandler(OrderStatusException.class)
    ResponseEntity<ProblemDetail> wrongStatus(RuntimeException ex) {
        return problem(HttpStatus.CONFLICT, ex, "order-status");
    }

    @ExceptionHandler(OptimisticLockingFailureException.class)
    ResponseEntity<ProblemDetail> concurrentChange() {
        return problem(
                HttpStatus.CONFLICT,
                "The order was changed at the same time by another request; reload it and retry.",
                "concurrent-change");
    }

    @ExceptionHandler(ProductServiceUnavailableException.class)
    ResponseEntity<ProblemDetail> downstream(RuntimeException ex) {
        log.warn("product-service call failed", ex);
        return problem(
                HttpStatus.SERVICE_UNAVAILABLE,
                "The product catalog is temporarily unavailable; retry later.",
                "downstream-unavailable");
    }

    private ResponseEntity<ProblemDetail> problem(HttpStatus status, RuntimeException ex, @Nullable String slug) {
        return problem(status, String.valueOf(ex.getMessage()), slug);
    }

    private ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail, @Nullable String slug) {
        return Problems.response(Problems.of(status, detail, slug));
    }
}
