package com.northwind.shop.systemtests;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** A signed-up user of the shop and their tokens, doing what a frontend does for them. */
final class Customer {

    static final String PASSWORD = "Sys-Test-Passw0rd-42";

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
        return post("/api/orders")
                .idempotent()
                .json(Map.of("items", List.of(Map.of("productId", productId, "quantity", quantity))))
                .send();
    }

    JsonNode orderById(UUID orderId) {
        return get("/api/orders/" + orderId).send().expect(200).json();
    }

    String statusOf(UUID orderId) {
        return orderById(orderId).get("status").asString();
    }
}
