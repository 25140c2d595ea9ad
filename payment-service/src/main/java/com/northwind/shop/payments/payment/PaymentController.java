package com.northwind.shop.payments.payment;

import com.northwind.shop.platform.idempotency.StoredResponse;
import com.northwind.shop.platform.security.TokenPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
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
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/payments")
@Tag(name = "Payments", description = "Paying the caller's orders by card; refunds for admins")
class PaymentController {

    private final PaymentService payments;
    private final RefundService refunds;

    PaymentController(PaymentService payments, RefundService refunds) {
        this.payments = payments;
        this.refunds = refunds;
    }

    @PostMapping
    @Operation(
            summary = "Pays one of the caller's orders (awaiting payment) with a card; the amount is the order's total",
            description = "Requires an Idempotency-Key: the same key and body replays the first answer (status and"
                    + " body), another body is 422, a duplicate still running is 409. 201: SUCCEEDED. 202: PENDING,"
                    + " the processor's answer is late and the payment is settled shortly. 402: the stored payment"
                    + " FAILED (card-declined, insufficient-funds). 404: no such order of the caller. 409: the"
                    + " order is not awaiting payment, or already has a pending or successful payment. Only brand"
                    + " and last four digits are kept.",
            responses = {
                @ApiResponse(
                        responseCode = "201",
                        content = @Content(schema = @Schema(implementation = PaymentResponse.class))),
                @ApiResponse(
                        responseCode = "202",
                        content = @Content(schema = @Schema(implementation = PaymentResponse.class))),
                @ApiResponse(responseCode = "402", content = @Content(mediaType = "application/problem+json"))
            })
    ResponseEntity<String> pay(
            @AuthenticationPrincipal TokenPrincipal me,
            @Parameter(description = "A client-chosen unique key, 1 to 100 characters", required = true)
                    @RequestHeader(name = "Idempotency-Key", required = false)
                    @Nullable
                    String idempotencyKey,
            @Valid @RequestBody CreatePaymentRequest request) {
        StoredResponse answer = payments.pay(me.requireUserId(), idempotencyKey, request);
        return ResponseEntity.status(answer.status())
                .contentType(answer.status() >= 400 ? MediaType.APPLICATION_PROBLEM_JSON : MediaType.APPLICATION_JSON)
                .header("Idempotency-Key", idempotencyKey)
                .body(answer.body());
    }

    @GetMapping
    @Operation(summary = "The payments of an order, oldest first: the caller's own, or any for an admin")
    List<PaymentResponse> ofOrder(@AuthenticationPrincipal TokenPrincipal me, @RequestParam UUID orderId) {
        return payments.ofOrder(me.requireUserId(), me.hasRole("ADMIN"), orderId);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One payment: the caller's own (another user's is 404), or any for an admin")
    PaymentResponse get(@AuthenticationPrincipal TokenPrincipal me, @PathVariable UUID id) {
        return payments.get(me.requireUserId(), me.hasRole("ADMIN"), id);
    }

    @PostMapping("/{id}/refunds")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Refunds a captured payment in full or in part (admin)",
            description = "Without an amount, everything not yet refunded. More than what remains, or a payment"
                    + " that captured nothing: 409.")
    RefundResponse refund(@PathVariable UUID id, @Valid @RequestBody RefundRequest request) {
        return refunds.refund(id, request.amount(), Objects.requireNonNull(request.reason()));
    }
}
