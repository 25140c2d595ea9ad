package com.northwind.shop.orders.order;

import com.northwind.shop.orders.PageResponse;
import com.northwind.shop.platform.idempotency.StoredResponse;
import com.northwind.shop.platform.security.TokenPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/orders")
@Tag(name = "Orders", description = "Placing, reading and cancelling the caller's orders; fulfilment for admins")
class OrderController {

    private final OrderService orders;

    OrderController(OrderService orders) {
        this.orders = orders;
    }

    @PostMapping
    @Operation(
            summary = "Places an order from the given items, or from the cart when there is no body",
            description = "Requires an Idempotency-Key: the same key and body replays the first answer, another body"
                    + " is 422, a duplicate still running is 409. Stock is reserved; prices come from the catalog."
                    + " Not enough stock: 409 naming the lines.")
    ResponseEntity<String> place(
            @AuthenticationPrincipal TokenPrincipal me,
            @Parameter(description = "A client-chosen unique key, 1 to 100 characters", required = true)
                    @RequestHeader(name = "Idempotency-Key", required = false)
                    @Nullable
                    String idempotencyKey,
            @Valid @RequestBody(required = false) @Nullable PlaceOrderRequest request) {
        StoredResponse answer = orders.place(me.requireUserId(), idempotencyKey, request);
        return ResponseEntity.status(answer.status())
                .contentType(MediaType.APPLICATION_JSON)
                .header("Idempotency-Key", idempotencyKey)
                .body(answer.body());
    }

    @GetMapping
    @Operation(summary = "The caller's orders, newest first")
    PageResponse<OrderResponse> mine(
            @AuthenticationPrincipal TokenPrincipal me,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Parameter(description = "Page size, 1 to 50") @Min(1) @Max(50)
                    int size) {
        return orders.mine(me.requireUserId(), page, size);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One of the caller's orders (another user's order is 404)")
    OrderResponse get(@AuthenticationPrincipal TokenPrincipal me, @PathVariable UUID id) {
        return orders.get(me.requireUserId(), id);
    }

    @PostMapping("/{id}/cancel")
    @Operation(summary = "Cancels an order before it ships and releases its stock; a paid order is refunded")
    OrderResponse cancel(@AuthenticationPrincipal TokenPrincipal me, @PathVariable UUID id) {
        return me.hasRole("ADMIN") ? orders.cancelAny(id) : orders.cancel(me.requireUserId(), id);
    }

    @PostMapping("/{id}/ship")
    @Operation(summary = "Marks a paid order shipped (admin)")
    OrderResponse ship(@PathVariable UUID id) {
        return orders.ship(id);
    }

    @PostMapping("/{id}/deliver")
    @Operation(summary = "Marks a shipped order delivered (admin)")
    OrderResponse deliver(@PathVariable UUID id) {
        return orders.deliver(id);
    }
}
