package com.northwind.shop.platform.client;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Retries a call that got no answer (the connection failed, was refused or reset) or a 502/503/504, but only if the
 * group declares the call's method idempotent ({@code northwind.service-clients.<group>.retry-methods}): retrying
 * anything else could do it twice. Added before the load balancer, so every attempt picks an instance again.
 */
final class IdempotentRetryInterceptor implements ClientHttpRequestInterceptor {

    private static final Set<Integer> RETRIED_STATUSES = Set.of(502, 503, 504);

    private final RetryTemplate retry;
    private final Set<String> methods;

    IdempotentRetryInterceptor(int maxAttempts, Set<String> methods) {
        this.retry = new RetryTemplate(RetryPolicy.builder()
                .maxRetries(maxAttempts - 1)
                .delay(Duration.ofMillis(100))
                .multiplier(2)
                .includes(IOException.class, RetriedStatus.class)
                .build());
        this.methods = methods;
    }

    @Override
    public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
            throws IOException {
        if (!methods.contains(request.getMethod().name())) {
            return execution.execute(request, body);
        }
        // The last 5xx answer is handed back as it is once the attempts are used up.
        AtomicReference<@Nullable ClientHttpResponse> last = new AtomicReference<>();
        try {
            return Objects.requireNonNull(retry.execute(() -> {
                ClientHttpResponse previous = last.getAndSet(null);
                if (previous != null) {
                    previous.close();
                }
                ClientHttpResponse response = execution.execute(request, body);
                if (RETRIED_STATUSES.contains(response.getStatusCode().value())) {
                    last.set(response);
                    throw new RetriedStatus();
                }
                return response;
            }));
        } catch (RetryException ex) {
            ClientHttpResponse response = last.get();
            if (response != null) {
                return response;
            }
            if (ex.getCause() instanceof IOException io) {
                throw io;
            }
            if (ex.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException("Call failed after retries", ex);
        }
    }

    /** A 502/503/504: the callee (or a proxy) could not serve it now; worth another attempt. */
    private static final class RetriedStatus extends RuntimeException {

        RetriedStatus() {
            super(null, null, false, false);
        }
    }
}
