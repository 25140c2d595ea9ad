package com.northwind.shop.products.catalog;

import com.northwind.shop.platform.problem.Problems;
import com.northwind.shop.products.catalog.CatalogExceptions.DuplicateSku;
import com.northwind.shop.products.catalog.CatalogExceptions.InsufficientStock;
import com.northwind.shop.products.catalog.CatalogExceptions.ProductNotFound;
import com.northwind.shop.products.catalog.CatalogExceptions.StaleVersion;
import com.northwind.shop.products.catalog.CatalogExceptions.UnknownCategory;
import com.northwind.shop.products.catalog.CatalogExceptions.VersionRequired;
import com.northwind.shop.products.web.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Maps the catalog's domain exceptions to problem details; the platform completes them (instance, traceId). */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class CatalogProblemAdvice {

    private final ProblemResponses problems;

    CatalogProblemAdvice(ProblemResponses problems) {
        this.problems = problems;
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> notFound(ProductNotFound ex, HttpServletRequest request) {
        return problems.send(Problems.of(HttpStatus.NOT_FOUND, ex.getMessage(), "product-not-found"), request);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> unknownCategory(UnknownCategory ex, HttpServletRequest request) {
        return problems.send(
                Problems.withErrors(
                        Problems.of(HttpStatus.BAD_REQUEST, ex.getMessage()),
                        List.of(new Problems.FieldError("categoryId", "names no category"))),
                request);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> duplicateSku(DuplicateSku ex, HttpServletRequest request) {
        return problems.send(Problems.of(HttpStatus.CONFLICT, ex.getMessage(), "duplicate-sku"), request);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> stale(StaleVersion ex, HttpServletRequest request) {
        return problems.send(
                Problems.of(
                        ex.fromIfMatch ? HttpStatus.PRECONDITION_FAILED : HttpStatus.CONFLICT,
                        ex.getMessage(),
                        "stale-version"),
                request);
    }

    /** Two admins saved the same version at the same moment: the second one loses, as with a stale version. */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> concurrentUpdate(
            ObjectOptimisticLockingFailureException ex, HttpServletRequest request) {
        return problems.send(
                Problems.of(
                        HttpStatus.CONFLICT,
                        "The product was changed concurrently; reload it and try again.",
                        "stale-version"),
                request);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> versionRequired(VersionRequired ex, HttpServletRequest request) {
        return problems.send(
                Problems.of(HttpStatus.PRECONDITION_REQUIRED, ex.getMessage(), "version-required"), request);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> insufficientStock(InsufficientStock ex, HttpServletRequest request) {
        return problems.send(Problems.of(HttpStatus.CONFLICT, ex.getMessage(), "insufficient-stock"), request);
    }
}
