package com.northwind.shop.payments.payment;

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
import java.net.URI;
import java.util.List;
import java.util.Objects;
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
@RequestMapping("/api/payments")
@Tag(name = "Payments", description = "Paying the caller's orders by card; refunds for admins")
class PaymentController {

    private final PaymentService payments;
    private final PaymentQueries queries;
    private final RefundService refunds;
    private final JsonMapper json;

    PaymentController(PaymentService payments, PaymentQueries queries, RefundService refunds, JsonMapper json) {
        this.payments = payments;
        this.queries = queries;
        this.refunds = refunds;
        this.json = json;
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
                        description = "SUCCEEDED (also the replay of a successful payment)",
                        headers =
                                @Header(
                                        name = "Location",
                                        description = "The payment's URL",
                                        schema = @Schema(type = "string", format = "uri-reference", maxLength = 100)),
                        content = @Content(schema = @Schema(implementation = PaymentResponse.class))),
                @ApiResponse(
                        responseCode = "202",
                        description = "PENDING: the processor's answer is late; the payment is settled shortly",
                        content = @Content(schema = @Schema(implementation = PaymentResponse.class))),
                @ApiResponse(
                        responseCode = "400",
                        description = "Invalid card fields (errors[]) or no Idempotency-Key"),
                @ApiResponse(
                        responseCode = "402",
                        description = "Declined or insufficient funds; the FAILED payment is kept"),
                @ApiResponse(responseCode = "404", description = "No such order of the caller"),
                @ApiResponse(
                        responseCode = "409",
                        description = "The order is not awaiting payment, already has a pending or successful"
                                + " payment, or the same key is still being processed"),
                @ApiResponse(responseCode = "422", description = "The Idempotency-Key was used with another body")
            })
    ResponseEntity<String> pay(
            @AuthenticationPrincipal TokenPrincipal me,
            @Parameter(
                            description = "A client-chosen unique key, 1 to 100 characters",
                            required = true,
                            example = "9b1f3c52-7a04-4f2e-8d61-2c5e9a0b7f13",
                            schema = @Schema(type = "string", minLength = 1, maxLength = 100))
                    @RequestHeader(name = "Idempotency-Key", required = false)
                    @Nullable
                    String idempotencyKey,
            @Valid @RequestBody CreatePaymentRequest request) {
        UUID userId = me.requireUserId();
        String key = IdempotencyRecords.requireKey(idempotencyKey);
        StoredResponse answer = payments.pay(userId, key, request);
        ResponseEntity.BodyBuilder response = ResponseEntity.status(answer.status());
        if (answer.status() == 201) {
            response.location(URI.create(
                    "/api/payments/" + json.readTree(answer.body()).path("id").asString()));
        }
        return response.contentType(
                        answer.status() >= 400 ? MediaType.APPLICATION_PROBLEM_JSON : MediaType.APPLICATION_JSON)
                .header("Idempotency-Key", key)
                .body(answer.body());
    }

    @GetMapping
    @Operation(summary = "The payments of an order, oldest first: the caller's own, or any for an admin")
    List<PaymentResponse> ofOrder(@AuthenticationPrincipal TokenPrincipal me, @RequestParam UUID orderId) {
        return queries.ofOrder(me.requireUserId(), me.hasRole("ADMIN"), orderId);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One payment: the caller's own (another user's is 404), or any for an admin")
    @ApiResponse(responseCode = "404", description = "No such payment of the caller")
    PaymentResponse get(@AuthenticationPrincipal TokenPrincipal me, @PathVariable UUID id) {
        return queries.get(me.requireUserId(), me.hasRole("ADMIN"), id);
    }

    @PostMapping("/{id}/refunds")
    @Operation(
            summary = "Refunds a captured payment in full or in part (admin)",
            description = "Without an amount, everything not yet refunded. More than what remains, or a payment"
                    + " that captured nothing: 409. Requires an Idempotency-Key: the same key and body replays the"
                    + " first answer, another body is 422, a duplicate still running is 409; a refused refund gives"
                    + " its key back.",
            responses = {
                @ApiResponse(
                        responseCode = "201",
                        description = "Refunded (also the replay of the same refund)",
                        content = @Content(schema = @Schema(implementation = RefundResponse.class))),
                @ApiResponse(responseCode = "400", description = "Invalid fields (errors[]) or no Idempotency-Key"),
                @ApiResponse(responseCode = "404", description = "No such payment"),
                @ApiResponse(
                        responseCode = "409",
                        description = "More than what remains, nothing was captured, or the same key is still being"
                                + " processed"),
                @ApiResponse(responseCode = "422", description = "The Idempotency-Key was used with another body")
            })
    ResponseEntity<String> refund(
            @AuthenticationPrincipal TokenPrincipal me,
            @PathVariable UUID id,
            @Parameter(
                            description = "A client-chosen unique key, 1 to 100 characters",
                            required = true,
                            example = "3c0a7d1e-52b4-4f0e-9a6b-81d2f4e7c930",
                            schema = @Schema(type = "string", minLength = 1, maxLength = 100))
                    @RequestHeader(name = "Idempotency-Key", required = false)
                    @Nullable
                    String idempotencyKey,
            @Valid @RequestBody RefundRequest request) {
        UUID adminId = me.requireUserId();
        String key = IdempotencyRecords.requireKey(idempotencyKey);
        StoredResponse answer =
                refunds.refund(adminId, key, id, request.amount(), Objects.requireNonNull(request.reason()));
        return ResponseEntity.status(answer.status())
                .contentType(MediaType.APPLICATION_JSON)
                .header("Idempotency-Key", key)
                .body(answer.body());
    }
}
