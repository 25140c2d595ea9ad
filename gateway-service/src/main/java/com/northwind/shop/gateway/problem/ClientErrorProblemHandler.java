package com.northwind.shop.gateway.problem;

import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpStatusCodeException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Spring Cloud Gateway's own filters signal some refusals (the rate limiter's 429) with a client
 * {@link HttpStatusCodeException}, which is no {@code ErrorResponse}; left alone it would be rendered as a 500. This
 * handler runs just before the platform's and turns it into a problem of the intended status.
 */
@Component
@Order(-3)
class ClientErrorProblemHandler implements ErrorWebExceptionHandler {

    private final ProblemResponses problems;

    ClientErrorProblemHandler(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        if (failure instanceof HttpStatusCodeException error
                && error.getStatusCode().is4xxClientError()) {
            HttpStatus status = HttpStatus.resolve(error.getStatusCode().value());
            if (status != null) {
                return problems.write(exchange, status);
            }
        }
        return Mono.error(failure);
    }
}
