package com.northwind.shop.bench;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.csv;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.FeederBuilder;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.util.UUID;

/**
 * The requests both simulations make, through the gateway, and their settings (system properties set by
 * {@code bench/run-all.sh}). Every step checks its status, so any error counts as a failed request.
 */
final class Shop {

    /** The gateway of the bench stack: loopback only. */
    static final String GATEWAY_URL = System.getProperty("gatewayUrl", "http://127.0.0.1:18600");

    /** Whether the journey ends with a payment (payment-service's POST /api/payments exists). */
    static final boolean PAY = Boolean.parseBoolean(System.getProperty("pay", "false"));

    /** Stripe-like test card that the simulated processor accepts. */
    static final String TEST_CARD = "4242424242424242";

    static {
        if (!GATEWAY_URL.startsWith("http://127.") && !GATEWAY_URL.startsWith("http://localhost")) {
            throw new IllegalArgumentException("refusing a non-loopback target: " + GATEWAY_URL);
        }
    }

    static double doubleProperty(String name, double fallback) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() ? fallback : Double.parseDouble(value);
    }

    static int intProperty(String name, int fallback) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value);
    }

    static HttpProtocolBuilder protocol() {
        return http.baseUrl(GATEWAY_URL)
                .acceptHeader("application/json")
                .contentTypeHeader("application/json")
                .userAgentHeader("northwind-bench");
    }

    /** Bench customers (email,password), created by run-all.sh before the run. */
    static FeederBuilder<String> customers() {
        return csv(System.getProperty("customersCsv", "customers.csv")).circular();
    }

    /** Access tokens of the bench customers (token), fetched by run-all.sh: the mixed load does not log in. */
    static FeederBuilder<String> tokens() {
        return csv(System.getProperty("tokensCsv", "tokens.csv")).random();
    }

    /**
     * Tokens of other customers for checkouts (token), taken in turn: a checkout orders its customer's whole cart, so
     * two at once for one customer would collide; with this pool a customer's next checkout comes seconds later.
     */
    static FeederBuilder<String> checkoutTokens() {
        return csv(System.getProperty("checkoutTokensCsv", "checkout-tokens.csv"))
                .circular();
    }

    /** Products with plenty of stock (productId,category), chosen by run-all.sh. */
    static FeederBuilder<String> products() {
        return csv(System.getProperty("productsCsv", "products.csv")).random();
    }

    static ChainBuilder login() {
        return exec(http("login")
                .post("/api/auth/login")
                .body(StringBody("{\"email\":\"#{email}\",\"password\":\"#{password}\"}"))
                .check(status().is(200))
                .check(jsonPath("$.accessToken").saveAs("token")));
    }

    static ChainBuilder browse() {
        return exec(http("browse category")
                        .get("/api/products?category=#{category}&sort=price,asc&size=20")
                        .check(status().is(200)))
                .exec(http("view product").get("/api/products/#{productId}").check(status().is(200)));
    }

    static ChainBuilder addToCart() {
        return exec(http("add to cart")
                .put("/api/cart/items/#{productId}")
                .header("Authorization", "Bearer #{token}")
                .body(StringBody("{\"quantity\":1}"))
                .check(status().is(200)));
    }

    static ChainBuilder viewCart() {
        return exec(http("view cart")
                .get("/api/cart")
                .header("Authorization", "Bearer #{token}")
                .check(status().is(200)));
    }

    /** An order from the cart, then (with {@link #PAY}) its payment with the test card. */
    static ChainBuilder checkout() {
        var order = exec(session -> session.set("orderKey", UUID.randomUUID().toString()))
                .exec(http("place order")
                        .post("/api/orders")
                        .header("Authorization", "Bearer #{token}")
                        .header("Idempotency-Key", "#{orderKey}")
                        .check(status().is(201))
                        .check(jsonPath("$.id").saveAs("orderId")))
                .exitHereIfFailed(); // no order, nothing to pay: one error, not two
        if (!PAY) {
            return order;
        }
        return order.exec(session -> session.set("paymentKey", UUID.randomUUID().toString()))
                .exec(http("pay")
                        .post("/api/payments")
                        .header("Authorization", "Bearer #{token}")
                        .header("Idempotency-Key", "#{paymentKey}")
                        .body(
                                StringBody(
                                        "{\"orderId\":\"#{orderId}\",\"card\":{\"number\":\"" + TEST_CARD
                                                + "\",\"expMonth\":12,\"expYear\":2030,\"cvc\":\"123\",\"holder\":\"Bench Customer\"}}"))
                        .check(status().is(201))
                        .check(jsonPath("$.status").is("SUCCEEDED")));
    }

    private Shop() {}
}
