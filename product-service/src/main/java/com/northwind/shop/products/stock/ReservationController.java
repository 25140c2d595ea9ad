package com.northwind.shop.products.stock;

import com.northwind.shop.platform.problem.InvalidParameterException;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Stock reservations for order-service (service token with scope {@code internal}); never routed by the gateway. */
@RestController
@Hidden
class ReservationController {

    private final ReservingService reserving;
    private final ReservationService reservations;

    ReservationController(ReservingService reserving, ReservationService reservations) {
        this.reserving = reserving;
        this.reservations = reservations;
    }

    /** 201 when this request reserved the stock, 200 when it repeats an earlier one for the same order. */
    @PostMapping("/internal/reservations")
    ResponseEntity<ReservationResponse> reserve(@Valid @RequestBody ReserveStockRequest request) {
        ReservingService.Result result = reserving.reserve(request);
        return ResponseEntity.status(result.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .location(URI.create("/internal/reservations/" + request.orderId()))
                .body(result.reservation());
    }

    @GetMapping("/internal/reservations/{orderId}")
    ReservationResponse get(@PathVariable UUID orderId) {
        return reservations.find(orderId).orElseThrow(() -> new ReservationNotFound(orderId));
    }

    @PostMapping("/internal/reservations/{orderId}/confirm")
    ReservationResponse confirm(@PathVariable UUID orderId) {
        return reservations.confirm(orderId);
    }

    /**
     * Gives the order's stock back: {@code reason=cancelled} (the default) for a cancelled order, {@code
     * checkout-failed} when order-service could not finish the checkout (only unconfirmed stock goes back, and the
     * checkout's retry or a late OrderPaid may take it again).
     */
    @PostMapping("/internal/reservations/{orderId}/release")
    ReservationResponse release(
            @PathVariable UUID orderId, @RequestParam(name = "reason", required = false) @Nullable String reason) {
        ReleaseReason why = reason == null
                ? ReleaseReason.CANCELLED
                : ReleaseReason.of(reason)
                        .filter(r -> r != ReleaseReason.EXPIRED)
                        .orElseThrow(
                                () -> new InvalidParameterException("reason", "must be cancelled or checkout-failed"));
        return reservations.release(orderId, why);
    }
}
