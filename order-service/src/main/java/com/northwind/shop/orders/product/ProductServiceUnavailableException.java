package com.northwind.shop.orders.product;

import com.northwind.shop.platform.problem.DomainException;
import org.jspecify.annotations.Nullable;

/**
 * product-service could not be reached or did not answer usefully in time. The client is told only that the catalog
 * is away; the reason (kept as the cause) goes to the log.
 */
public class ProductServiceUnavailableException extends DomainException {

    public ProductServiceUnavailableException(String reason, @Nullable Throwable cause) {
        super(
                Kind.UNAVAILABLE,
                "downstream-unavailable",
                "The product catalog is temporarily unavailable; retry later.",
                new IllegalStateException(reason, cause));
    }

    public ProductServiceUnavailableException(String reason) {
        this(reason, null);
    }
}
