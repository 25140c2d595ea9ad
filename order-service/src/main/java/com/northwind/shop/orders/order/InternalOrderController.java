package com.northwind.shop.orders.order;

import io.swagger.v3.oas.annotations.Hidden;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Orders for other services (service token with scope {@code internal}, which the platform's chain requires on
 * {@code /internal/**}); never routed by the gateway, so not in the public API description.
 */
@RestController
@Hidden
class InternalOrderController {

    private final OrderService orders;

    InternalOrderController(OrderService orders) {
        this.orders = orders;
    }

    /** The order, or a 404 problem if there is none. */
    @GetMapping("/internal/orders/{orderId}")
    InternalOrderResponse get(@PathVariable UUID orderId) {
        return orders.lookup(orderId);
    }
}
