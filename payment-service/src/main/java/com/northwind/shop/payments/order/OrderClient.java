package com.northwind.shop.payments.order;

import java.util.UUID;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;

/** order-service's internal API, as much of it as payment-service uses: one read, so retrying is safe. */
@HttpExchange(accept = "application/json")
interface OrderClient {

    @GetExchange("/internal/orders/{orderId}")
    OrderSnapshot order(@PathVariable UUID orderId);
}
