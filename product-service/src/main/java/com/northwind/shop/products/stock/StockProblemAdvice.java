package com.northwind.shop.products.stock;

import com.northwind.shop.platform.problem.Problems;
import com.northwind.shop.products.stock.StockExceptions.InsufficientStock;
import com.northwind.shop.products.stock.StockExceptions.ReservationMismatch;
import com.northwind.shop.products.stock.StockExceptions.ReservationNotActive;
import com.northwind.shop.products.stock.StockExceptions.ReservationNotFound;
import com.northwind.shop.products.web.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
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

    private final ProblemResponses problems;

    StockProblemAdvice(ProblemResponses problems) {
        this.problems = problems;
    }

    /** 409 naming every line that cannot be served, with the units that are available. */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> insufficient(InsufficientStock ex, HttpServletRequest request) {
        ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, ex.getMessage(), "insufficient-stock");
        problem.setProperty("lines", ex.shortages);
        return problems.send(problem, request);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> notFound(ReservationNotFound ex, HttpServletRequest request) {
        return problems.send(Problems.of(HttpStatus.NOT_FOUND, ex.getMessage(), "reservation-not-found"), request);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> mismatch(ReservationMismatch ex, HttpServletRequest request) {
        return problems.send(Problems.of(HttpStatus.CONFLICT, ex.getMessage(), "reservation-mismatch"), request);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> notActive(ReservationNotActive ex, HttpServletRequest request) {
        return problems.send(Problems.of(HttpStatus.CONFLICT, ex.getMessage(), "reservation-not-active"), request);
    }
}
