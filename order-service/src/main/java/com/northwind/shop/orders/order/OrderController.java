package com.northwind.shop.orders.order;

import com.northwind.shop.orders.PageResponse;
import com.northwind.shop.platform.idempotency.IdempotencyRecords;
import com.northwind.shop.platform.idempotency.StoredResponse;
import com.northwind.shop.platform.security.TokenPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
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
import tools.jackson.databind.json.JsonMapper;

@RestController
@RequestMapping("/api/orders")
@Tag(name = "Orders", description = "Placing, reading and cancelling the caller's orders; fulfilment for admins")
class OrderController {

    private final OrderService orders;
    private final JsonMapper json;

    OrderController(OrderService orders, JsonMapper json) {
        this.orders = orders;
        this.json = json;
    }

    @PostMapping
    @Operation(
            summary = "Places an order from the given items, or from the cart when there is no body",
            description = "Requires an Idempotency-Key: the same key and body replays the first answer, another body"
                    + " is 422, a duplicate still running is 409. Stock is reserved; prices come from the catalog."
                    + " Not enough stock: 409 naming the lines.")
    @ApiResponse(
            responseCode = "201",
            description = "Placed, awaiting payment until expiresAt (also the replay of a placed order)",
            headers = {
                @Header(
                        name = "Location",
                        description = "The order's URL",
                        schema = @Schema(type = "string", format = "uri-reference", maxLength = 100)),
                @Header(
                        name = "Idempotency-Key",
                        description = "The key the request was sent with",
                        schema = @Schema(type = "string", maxLength = 100))
            },
            content = @Content(schema = @Schema(implementation = OrderResponse.class)))
    @ApiResponse(responseCode = "400", description = "Invalid items, an empty cart, or no Idempotency-Key")
    @ApiResponse(
            responseCode = "409",
            description = "Not enough stock (the lines are named), or the same key is still being processed")
    @ApiResponse(
            responseCode = "422",
            description = "The Idempotency-Key was used with another body, or a product cannot be ordered")
    ResponseEntity<String> place(
            @AuthenticationPrincipal TokenPrincipal me,
            @Parameter(
                            description = "A client-chosen unique key, 1 to 100 characters",
                            required = true,
                            example = "5f0c8a3e-2b7d-4c1e-9a6f-0d3b8e7c1a24",
                            schema = @Schema(type = "string", minLength = 1, maxLength = 100))
                    @RequestHeader(name = "Idempotency-Key", required = false)
                    @Nullable
                    String idempotencyKey,
            @Valid @RequestBody(required = false) @Nullable PlaceOrderRequest request) {
        UUID userId = me.requireUserId();
        // Checked here too (place checks it again), so the header echoed below is the key that was accepted.
        String key = IdempotencyRecords.requireKey(idempotencyKey);
        StoredResponse answer = orders.place(userId, key, request);
        ResponseEntity.BodyBuilder response = ResponseEntity.status(answer.status());
        if (answer.status() == 201) {
            response.location(URI.create(
                    "/api/orders/" + json.readTree(answer.body()).path("id").asString()));
        }
        return response.contentType(MediaType.APPLICATION_JSON)
                .header("Idempotency-Key", key)
                .body(answer.body());
    }

    @GetMapping
    @Operation(summary = "The caller's orders, newest first")
    PageResponse<OrderResponse> mine(
            @AuthenticationPrincipal TokenPrincipal me,
            @RequestParam(defaultValue = "0") @Parameter(description = "Zero-based page number") @Min(0) @Max(10_000)
                    int page,
            @RequestParam(defaultValue = "20") @Parameter(description = "Page size, 1 to 50") @Min(1) @Max(50)
                    int size) {
        return orders.mine(me.requireUserId(), page, size);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One of the caller's orders (another user's order is 404)")
    @ApiResponse(responseCode = "404", description = "No such order of the caller")
    OrderResponse get(@AuthenticationPrincipal TokenPrincipal me, @PathVariable UUID id) {
        return orders.get(me.requireUserId(), id);
    }

    @PostMapping("/{id}/cancel")
    @Operation(summary = "Cancels an order before it ships and releases its stock; a paid order is refunded")
    @ApiResponse(responseCode = "404", description = "No such order of the caller")
    @ApiResponse(responseCode = "409", description = "Already shipped, delivered or cancelled")
    OrderResponse cancel(@AuthenticationPrincipal TokenPrincipal me, @PathVariable UUID id) {
        return me.hasRole("ADMIN") ? orders.cancelAny(id) : orders.cancel(me.requireUserId(), id);
    }

    @PostMapping("/{id}/ship")
    @Operation(summary = "Marks a paid order shipped (admin)")
    @ApiResponse(responseCode = "409", description = "The order is not paid")
    OrderResponse ship(@PathVariable UUID id) {
        return orders.ship(id);
    }

    @PostMapping("/{id}/deliver")
    @Operation(summary = "Marks a shipped order delivered (admin)")
    @ApiResponse(responseCode = "409", description = "The order is not shipped")
    OrderResponse deliver(@PathVariable UUID id) {
        return orders.deliver(id);
    }
}
