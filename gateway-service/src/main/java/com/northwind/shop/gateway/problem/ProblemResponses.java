package com.northwind.shop.gateway.problem;

import com.northwind.shop.platform.problem.Problems;
import com.northwind.shop.platform.web.reactive.ReactiveProblemHandler;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Answers a request from inside the gateway's own filters with the one error shape (RFC 9457). Headers already set
 * on the response ({@code Retry-After}, {@code WWW-Authenticate}, {@code RateLimit-*}, CORS) are kept.
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

    /**
     * Writes a problem the gateway expects to send (429, 503, 504), with its own detail and type, and without the
     * error log line that an unexpected 5xx gets: under a crowd these are routine answers, not incidents.
     *
     * @param path the path the client called (before any route rewrote it)
     */
    public Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String detail, String slug, String path) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.empty();
        }
        return problems.write(exchange, Problems.of(status, detail, slug), path);
    }
}
