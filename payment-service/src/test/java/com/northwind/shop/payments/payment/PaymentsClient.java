package com.northwind.shop.payments.payment;

import com.northwind.shop.platform.test.TestHttp;
import com.northwind.shop.platform.test.TestTokens;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The public API as a customer's or an admin's client calls it, over real HTTP. */
final class PaymentsClient {

    static final String VISA = "4242424242424242";
    static final String DECLINED = "4000000000000002";
    static final String INSUFFICIENT_FUNDS = "4000000000009995";
    static final String LOST_ANSWER = "4000000000000119";

    private final TestHttp http;

    PaymentsClient(int port) {
        this.http = TestHttp.localhost(port);
    }

    static String body(UUID orderId, String number) {
        return body(orderId, number, "123", 12, 2040);
    }

    static String body(UUID orderId, String number, String cvc, int expMonth, int expYear) {
        return """
                {"orderId":"%s","card":{"number":"%s","expMonth":%d,"expYear":%d,"cvc":"%s","holder":"Ada Lovelace"}}""".formatted(orderId, number, expMonth, expYear, cvc);
    }

    TestHttp.Response pay(UUID userId, @Nullable String key, String body) {
        Map<String, String> headers = new HashMap<>(Map.of(
                "Authorization",
                "Bearer " + TestTokens.get().accessToken(userId, "CUSTOMER"),
                "Content-Type",
                "application/json"));
        if (key != null) {
            headers.put("Idempotency-Key", key);
        }
        return http.send("POST", "/api/payments", body, headers);
    }

    TestHttp.Response pay(UUID userId, UUID orderId, String number) {
        return pay(userId, "k-" + UUID.randomUUID(), body(orderId, number));
    }

    TestHttp.Response get(UUID userId, String path, String... roles) {
        return http.send(
                "GET",
                path,
                null,
                Map.of(
                        "Authorization",
                        "Bearer "
                                + TestTokens.get()
                                        .accessToken(userId, roles.length == 0 ? new String[] {"CUSTOMER"} : roles)));
    }

    TestHttp.Response refund(UUID paymentId, String body, String role) {
        return refund(UUID.randomUUID(), "r-" + UUID.randomUUID(), paymentId, body, role);
    }

    TestHttp.Response refund(UUID userId, @Nullable String key, UUID paymentId, String body, String role) {
        Map<String, String> headers = new HashMap<>(Map.of(
                "Authorization",
                "Bearer " + TestTokens.get().accessToken(userId, role),
                "Content-Type",
                "application/json"));
        if (key != null) {
            headers.put("Idempotency-Key", key);
        }
        return http.send("POST", "/api/payments/" + paymentId + "/refunds", body, headers);
    }

    TestHttp.Response send(String method, String path, @Nullable String body, Map<String, String> headers) {
        return http.send(method, path, body, headers);
    }
}
