package com.northwind.shop.gateway.routing;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ORIGINAL_REQUEST_URL_ATTR;

import com.northwind.shop.platform.problem.Problems;
import com.northwind.shop.platform.web.TraceIds;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Where a route's circuit breaker sends a request whose service could not answer: no healthy instance, connection
 * refused, circuit open (503), or no answer in time (504). The answer is a problem naming the path the client called,
 * with nothing about the failure's internals; the cause is logged under the same trace id.
 */
@Configuration(proxyBeanMethods = false)
class UnavailableFallback {

    static final String PATH = "/_gateway/fallback";
    static final URI URI = java.net.URI.create("forward:" + PATH);

    private static final Logger log = LoggerFactory.getLogger(UnavailableFallback.class);

    @Bean
    RouterFunction<ServerResponse> unavailableFallbackRoute(TraceIds traceIds) {
        return RouterFunctions.route()
                .path(PATH, b -> b.route(r -> true, r -> answer(r, traceIds)))
                .build();
    }

    private static Mono<ServerResponse> answer(ServerRequest request, TraceIds traceIds) {
        ServerWebExchange exchange = request.exchange();
        Throwable failure = exchange.getAttribute(CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
        if (failure == null) {
            // Called directly, not forwarded by a circuit breaker: there is nothing here.
            return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND));
        }
        String path = originalPath(exchange, request.path());
        boolean timeout = isTimeout(failure);
        HttpStatus status = timeout ? HttpStatus.GATEWAY_TIMEOUT : HttpStatus.SERVICE_UNAVAILABLE;
        String traceId = traceIds.of(ServerRequestObservationContext.findCurrent(exchange.getAttributes())
                .orElse(null));
        log.warn("{} answered with {}: {}", path, status.value(), failure.toString());
        ProblemDetail problem = Problems.of(
                status,
                timeout
                        ? "The service did not answer in time; retry later."
                        : Problems.defaultDetail(HttpStatus.SERVICE_UNAVAILABLE),
                timeout ? "upstream-timeout" : "service-unavailable");
        Problems.complete(problem, path, traceId);
        ServerResponse.BodyBuilder response =
                ServerResponse.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (!timeout) {
            response.header("Retry-After", "5");
        }
        return response.bodyValue(problem);
    }

    private static String originalPath(ServerWebExchange exchange, String fallback) {
        Set<URI> originals = exchange.getAttribute(GATEWAY_ORIGINAL_REQUEST_URL_ATTR);
        if (originals != null && !originals.isEmpty()) {
            String path = originals.iterator().next().getRawPath();
            if (path != null) {
                return path;
            }
        }
        return fallback;
    }

    private static boolean isTimeout(Throwable failure) {
        for (@Nullable Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException
                    || (t instanceof ResponseStatusException status
                            && status.getStatusCode().value() == HttpStatus.GATEWAY_TIMEOUT.value())
                    || t.getClass().getSimpleName().contains("ReadTimeout")) {
                return true;
            }
        }
        return false;
    }
}
