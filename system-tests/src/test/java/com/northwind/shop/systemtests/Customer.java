package com.northwind.shop.systemtests;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** A signed-up user of the shop and their tokens, doing what a frontend does for them. */
final class Customer {

    static final String PASSWORD = "Sys-Test-Passw0rd-42";

    /** Stripe's test card that always succeeds (payment-service's simulated processor knows it). */
    static final String TEST_CARD = "4242424242424242";

    private final Shop shop;
    private final String email;
    private final String password;
    private final UUID id;
    private String accessToken;
    private String refreshToken;

    private Customer(Shop shop, String email, String password, UUID id, JsonNode tokens) {
        this.shop = shop;
        this.email = email;
        this.password = password;
        this.id = id;
        this.accessToken = tokens.get("accessToken").asString();
        this.refreshToken = tokens.get("refreshToken").asString();
    }

    /** Registers a new customer with a unique e-mail address and logs them in. */
    static Customer signUp(Shop shop) {
        String email = "sys-" + UUID.randomUUID() + "@example.com";
        var user = shop.post("/api/auth/register")
                .json(Map.of("email", email, "password", PASSWORD, "name", "System Test"))
                .sendRetryingUnavailable()
                .expect(201)
                .json();
        return new Customer(
                shop, email, PASSWORD, UUID.fromString(user.get("id").asString()), login(shop, email, PASSWORD));
    }

    /** Logs in an existing account, e.g. the demo admin. */
    static Customer logIn(Shop shop, String email, String password) {
        var tokens = login(shop, email, password);
        var me = shop.get("/api/users/me")
                .token(tokens.get("accessToken").asString())
                .sendRetryingUnavailable()
                .expect(200)
                .json();
        return new Customer(shop, email, password, UUID.fromString(me.get("id").asString()), tokens);
    }

    static JsonNode login(Shop shop, String email, String password) {
        return shop.post("/api/auth/login")
                .json(Map.of("email", email, "password", password))
                .sendRetryingUnavailable()
                .expect(200)
                .json();
    }

    String email() {
        return email;
    }

    String password() {
        return password;
    }

    UUID id() {
        return id;
    }

    String accessToken() {
        return accessToken;
    }

    String refreshToken() {
        return refreshToken;
    }

    /** Swaps the refresh token for new tokens, as a frontend does when the access token runs out. */
    Shop.Reply refresh() {
        var reply = shop.post("/api/auth/refresh")
                .json(Map.of("refreshToken", refreshToken))
                .send();
        if (reply.status() == 200) {
            accessToken = reply.json().get("accessToken").asString();
            refreshToken = reply.json().get("refreshToken").asString();
        }
        return reply;
    }

    Shop.Call get(String path) {
        return shop.get(path).token(accessToken);
    }

    Shop.Call post(String path) {
        return shop.post(path).token(accessToken);
    }

    Shop.Call put(String path) {
        return shop.put(path).token(accessToken);
    }

    Shop.Call delete(String path) {
        return shop.delete(path).token(accessToken);
    }

    /** Orders the given quantity of one product directly (not from the cart). */
    Shop.Reply order(UUID productId, int quantity) {
        return order(productId, quantity, UUID.randomUUID().toString());
    }

    /** The same, with the given {@code Idempotency-Key} (a retry sends the same one). */
    Shop.Reply order(UUID productId, int quantity, String idempotencyKey) {
        return post("/api/orders")
                .header("Idempotency-Key", idempotencyKey)
                .json(Map.of("items", List.of(Map.of("productId", productId, "quantity", quantity))))
                .send();
    }

    /** Pays an order with Stripe's always-succeeding test card. */
    Shop.Reply pay(UUID orderId) {
        return pay(orderId, UUID.randomUUID().toString());
    }

    /** The same, with the given {@code Idempotency-Key} (a retry sends the same one). */
    Shop.Reply pay(UUID orderId, String idempotencyKey) {
        return post("/api/payments")
                .header("Idempotency-Key", idempotencyKey)
                .json(Map.of(
                        "orderId",
                        orderId,
                        "card",
                        Map.of(
                                "number",
                                TEST_CARD,
                                "expMonth",
                                12,
                                "expYear",
                                2030,
                                "cvc",
                                "123",
                                "holder",
                                "System Test")))
                .send();
    }

    /** Waits until the order has the given status (the saga runs on events, a moment after the call). */
    void awaitStatus(UUID orderId, String status) {
        org.awaitility.Awaitility.await(orderId + " " + status)
                .atMost(java.time.Duration.ofSeconds(60))
                .pollInterval(java.time.Duration.ofMillis(300))
                .until(() -> statusOf(orderId).equals(status));
    }

    JsonNode orderById(UUID orderId) {
        return get("/api/orders/" + orderId).send().expect(200).json();
    }

    String statusOf(UUID orderId) {
        return orderById(orderId).get("status").asString();
    }
}
