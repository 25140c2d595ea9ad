package com.northwind.shop.products.stock;

import com.northwind.shop.platform.problem.Problems;
import com.northwind.shop.products.stock.StockExceptions.InsufficientStock;
import com.northwind.shop.products.stock.StockExceptions.ReservationMismatch;
import com.northwind.shop.products.stock.StockExceptions.ReservationNotActive;
import com.northwind.shop.products.stock.StockExceptions.ReservationNotFound;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Maps reservation failures to problem details. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class StockProblemAdvice {

    /** 409 naming every line that cannot be served, with the units that are available. */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> insufficient(InsufficientStock ex) {
        ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, ex.getMessage(), "insufficient-stock");
        problem.setProperty("lines", ex.shortages);
        return Problems.response(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> notFound(ReservationNotFound ex) {
        return Problems.response(Problems.of(HttpStatus.NOT_FOUND, ex.getMessage(), "reservation-not-found"));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> mismatch(ReservationMismatch ex) {
        return Problems.response(Problems.of(HttpStatus.CONFLICT, ex.getMessage(), "reservation-mismatch"));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> notActive(ReservationNotActive ex) {
        return Problems.response(Problems.of(HttpStatus.CONFLICT, ex.getMessage(), "reservation-not-active"));
    }
}
