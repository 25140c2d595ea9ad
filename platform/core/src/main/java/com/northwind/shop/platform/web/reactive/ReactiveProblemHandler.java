package com.northwind.shop.platform.web.reactive;

import com.northwind.shop.platform.problem.Problems;
import com.northwind.shop.platform.web.TraceIds;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.ErrorResponse;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.result.view.ViewResolver;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Renders every error of a reactive application (unknown route, wrong method, unreadable body, a failed downstream
 * call, anything unexpected) as an RFC 9457 problem. Runs before Boot's default handler.
 */
public class ReactiveProblemHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ReactiveProblemHandler.class);

    private final TraceIds traceIds;
    private final ServerResponse.Context context;

    public ReactiveProblemHandler(TraceIds traceIds, ServerCodecConfigurer codecs) {
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

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(failure);
        }
        return write(
                exchange,
                toProblem(failure, exchange),
                exchange.getRequest().getPath().value());
    }

    /**
     * Completes a problem (instance, trace id) and writes it as the response, keeping headers already set on it.
     *
     * @param path the path the client called, as the problem's instance
     */
    public Mono<Void> write(ServerWebExchange exchange, ProblemDetail problem, String path) {
        String traceId = traceIds.of(ServerRequestObservationContext.findCurrent(exchange.getAttributes())
                .orElse(null));
        Problems.complete(problem, path, traceId);
        return ServerResponse.status(problem.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyValue(problem)
                .flatMap(response -> response.writeTo(exchange, context));
    }

    private static ProblemDetail toProblem(Throwable failure, ServerWebExchange exchange) {
        if (causedBy(failure, DataBufferLimitException.class)) {
            return Problems.of(HttpStatus.CONTENT_TOO_LARGE, Problems.defaultDetail(HttpStatus.CONTENT_TOO_LARGE));
        }
        if (failure instanceof ErrorResponse error) {
            HttpStatusCode status = error.getStatusCode();
            if (status.is5xxServerError()) {
                log.error("Error while processing {}", exchange.getRequest().getPath(), failure);
            }
            // Framework details can name internals; only the status' own safe wording goes out.
            return Problems.of(status, Problems.defaultDetail(status));
        }
        log.error(
                "Unhandled exception while processing {}", exchange.getRequest().getPath(), failure);
        return Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, Problems.defaultDetail(HttpStatus.INTERNAL_SERVER_ERROR));
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (@Nullable Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
