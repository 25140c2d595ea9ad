package com.northwind.shop.products.catalog;

import com.northwind.shop.platform.problem.Problems;
import com.northwind.shop.products.catalog.CatalogExceptions.DuplicateSku;
import com.northwind.shop.products.catalog.CatalogExceptions.InsufficientStock;
import com.northwind.shop.products.catalog.CatalogExceptions.ProductNotFound;
import com.northwind.shop.products.catalog.CatalogExceptions.StaleVersion;
import com.northwind.shop.products.catalog.CatalogExceptions.UnknownCategory;
import com.northwind.shop.products.catalog.CatalogExceptions.VersionRequired;
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

    @ExceptionHandler
    ResponseEntity<ProblemDetail> notFound(ProductNotFound ex) {
        return Problems.response(Problems.of(HttpStatus.NOT_FOUND, ex.getMessage(), "product-not-found"));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> unknownCategory(UnknownCategory ex) {
        return Problems.response(Problems.withErrors(
                Problems.of(HttpStatus.BAD_REQUEST, ex.getMessage()),
                List.of(new Problems.FieldError("categoryId", "names no category"))));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> duplicateSku(DuplicateSku ex) {
        return Problems.response(Problems.of(HttpStatus.CONFLICT, ex.getMessage(), "duplicate-sku"));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> stale(StaleVersion ex) {
        return Problems.response(Problems.of(
                ex.fromIfMatch ? HttpStatus.PRECONDITION_FAILED : HttpStatus.CONFLICT,
                ex.getMessage(),
                "stale-version"));
    }

    /** Two admins saved the same version at the same moment: the second one loses, as with a stale version. */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> concurrentUpdate(ObjectOptimisticLockingFailureException ex) {
        return Problems.response(Problems.of(
                HttpStatus.CONFLICT,
                "The product was changed concurrently; reload it and try again.",
                "stale-version"));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> versionRequired(VersionRequired ex) {
        return Problems.response(Problems.of(HttpStatus.PRECONDITION_REQUIRED, ex.getMessage(), "version-required"));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> insufficientStock(InsufficientStock ex) {
        return Problems.response(Problems.of(HttpStatus.CONFLICT, ex.getMessage(), "insufficient-stock"));
    }
}
