package com.northwind.shop.gateway.problem;

import com.northwind.shop.platform.web.reactive.ReactiveProblemHandler;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Answers a request from inside the gateway's own filters with the one error shape (RFC 9457), by handing the status
 * to the platform's {@link ReactiveProblemHandler}. Headers already set on the response ({@code Retry-After},
 * {@code WWW-Authenticate}, CORS) are kept.
 */
@Component
public class ProblemResponses {

    private final ReactiveProblemHandler problems;

    ProblemResponses(ReactiveProblemHandler problems) {
        this.problems = problems;
    }

    /** Writes a problem of the given status with its generic, safe detail. */
    public Mono<Void> write(ServerWebExchange exchange, HttpStatus status) {
        return problems.handle(exchange, new ResponseStatusException(status));
    }
}
