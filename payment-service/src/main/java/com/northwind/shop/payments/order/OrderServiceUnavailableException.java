package com.northwind.shop.payments.order;

import com.northwind.shop.platform.problem.DomainException;
import org.jspecify.annotations.Nullable;

/**
 * order-service could not be reached or did not answer usefully in time. The client is told that nothing was
 * charged; the reason (kept as the cause) goes to the log.
 */
public class OrderServiceUnavailableException extends DomainException {

    public OrderServiceUnavailableException(String reason, @Nullable Throwable cause) {
        super(
                Kind.UNAVAILABLE,
                "downstream-unavailable",
                "Orders cannot be checked right now; nothing was charged. Retry later.",
                new IllegalStateException(reason, cause));
    }

    public OrderServiceUnavailableException(String reason) {
        this(reason, null);
    }
}
