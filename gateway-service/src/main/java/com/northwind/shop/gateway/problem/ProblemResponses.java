package com.northwind.shop.gateway.problem;

import com.northwind.shop.platform.problem.Problems;
import com.northwind.shop.platform.web.TraceIds;
import com.northwind.shop.platform.web.reactive.ReactiveProblemHandler;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.result.view.ViewResolver;
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
    private final TraceIds traceIds;
    private final ServerResponse.Context context;

    ProblemResponses(ReactiveProblemHandler problems, TraceIds traceIds, ServerCodecConfigurer codecs) {
        this.problems = problems;
        this.traceIds = traceIds;
        List<HttpMessageWriter<?>> writers = codecs.getWriters();
        this.context = new ServerResponse.Context() {
            @Override
            public List<HttpMessageWriter<?>> messageWriters() {
                return writers;
            }

            @Override
            public List<ViewResolver> viewResolvers() {
                return List.of();
            }
        };
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
        ProblemDetail problem = Problems.of(status, detail, slug);
        @Nullable
        String traceId = traceIds.of(ServerRequestObservationContext.findCurrent(exchange.getAttributes())
                .orElse(null));
        Problems.complete(problem, path, traceId);
        return ServerResponse.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyValue(problem)
                .flatMap(response -> response.writeTo(exchange, context));
    }
}
