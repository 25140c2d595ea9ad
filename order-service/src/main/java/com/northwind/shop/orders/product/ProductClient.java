package com.northwind.shop.orders.product;

import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

/** product-service's HTTP API, as much of it as order-service uses. Every call here is idempotent. */
@HttpExchange(accept = "application/json")
interface ProductClient {

    /** The products with these ids (at most 100), active or not; unknown ids are left out. */
    @GetExchange("/internal/products")
    List<Product> products(@RequestParam Collection<UUID> ids);

    /** Idempotent by order id: a repeat answers the existing reservation. */
    @PostExchange(url = "/internal/reservations", contentType = "application/json")
    Reservation reserve(@RequestBody ReservationRequest request);

    /** Idempotent; {@code reason} is {@code cancelled} or {@code checkout-failed}. */
    @PostExchange("/internal/reservations/{orderId}/release")
    Reservation release(@PathVariable UUID orderId, @RequestParam String reason);
}
