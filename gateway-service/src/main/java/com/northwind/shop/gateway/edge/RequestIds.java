package com.northwind.shop.gateway.edge;

import org.jspecify.annotations.Nullable;
import org.springframework.web.server.ServerWebExchange;

/** The request id {@link RequestIdFilter} gave a request, for whatever forwards it. */
public final class RequestIds {

    /** The header carrying the id, to the service and back to the client. */
    public static final String HEADER = "X-Request-Id";

    /** Exchange attribute under which the request's id is kept. */
    static final String ATTRIBUTE = RequestIds.class.getName();

    private RequestIds() {}

    /** The id of this exchange's request, once {@link RequestIdFilter} has run. */
    public static @Nullable String of(ServerWebExchange exchange) {
        return exchange.getAttribute(ATTRIBUTE);
    }
}
