package com.northwind.shop.payments.payment;

import com.northwind.shop.platform.idempotency.IdempotencyRecords;
import com.northwind.shop.platform.idempotency.StoredResponse;
import com.northwind.shop.platform.problem.Problems;
import com.northwind.shop.platform.web.TraceIds;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The answer of a paying request, as its Idempotency-Key's record stores it and replays it: 201 SUCCEEDED, 202
 * PENDING, or the 402 problem of a FAILED payment.
 */
@Component
class PaymentAnswers {

    private final IdempotencyRecords idempotency;
    private final JsonMapper json;
    private final TraceIds traceIds;

    PaymentAnswers(JdbcTemplate jdbc, JsonMapper json, TraceIds traceIds) {
        this.idempotency = new IdempotencyRecords(jdbc);
        this.json = json;
        this.traceIds = traceIds;
    }

    /** Stores the payment's answer as the key's, and answers it. Must run in a transaction. */
    StoredResponse complete(UUID userId, String key, Payment payment) {
        StoredResponse answer = answer(payment);
        idempotency.complete(userId, key, answer);
        return answer;
    }

    /**
     * Completes the Idempotency-Key record of a payment settled by someone other than its request (the resolver): a
     * request that died between the charge and its commit left its key in progress, and the client's retry now gets
     * the real answer instead of 409 for ever. A key whose request answered (202) keeps that first answer. Must run in
     * the settling transaction.
     */
    void completeKeyOf(Payment settled) {
        String key = settled.idempotencyKey();
        if (key != null && settled.status() != PaymentStatus.PENDING) {
            idempotency.completeIfInProgress(settled.userId(), key, answer(settled));
        }
    }

    private StoredResponse answer(Payment payment) {
        PaymentResponse body = PaymentResponse.from(payment);
        return switch (payment.status()) {
            case PENDING -> new StoredResponse(202, json.writeValueAsString(body));
            case FAILED -> new StoredResponse(402, json.writeValueAsString(failure(body)));
            default -> new StoredResponse(201, json.writeValueAsString(body));
        };
    }

    /**
     * The 402 problem of a failed payment, complete as it is stored and replayed (instance and trace id included),
     * with the stored payment.
     */
    private Map<String, Object> failure(PaymentResponse payment) {
        boolean noFunds = "insufficient_funds".equals(payment.failureReason());
        ProblemDetail problem = Problems.complete(
                Problems.of(
                        HttpStatus.PAYMENT_REQUIRED,
                        noFunds
                                ? "The card has insufficient funds; the payment failed. Try another card."
                                : "The card was declined; the payment failed. Try another card.",
                        noFunds ? "insufficient-funds" : "card-declined"),
                "/api/payments",
                traceIds.of(null));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", String.valueOf(problem.getType()));
        body.put("title", String.valueOf(problem.getTitle()));
        body.put("status", problem.getStatus());
        body.put("detail", String.valueOf(problem.getDetail()));
        body.put("instance", String.valueOf(problem.getInstance()));
        if (problem.getProperties() != null) {
            body.putAll(problem.getProperties());
        }
        body.put("paymentId", payment.id());
        body.put("payment", payment);
        return body;
    }
}
