package com.northwind.shop.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.northwind.shop.orders.ProductServiceStub.Line;
import com.northwind.shop.platform.test.TestHttp;
import com.northwind.shop.platform.test.TestTokens;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** order-service's public API as the tests call it: a user's requests with an access token, and placed orders. */
public final class OrdersApi {

    /** The unit price the stand-in product-service reserves the product of {@link #placedOrder} at. */
    public static final long PRICE = 1999;

    private final TestHttp http;

    public OrdersApi(TestHttp http) {
        this.http = http;
    }

    /** The {@code Authorization} header value of an access token of this user with these roles (CUSTOMER when none). */
    public static String bearer(UUID user, String... roles) {
        return "Bearer " + TestTokens.get().accessToken(user, roles.length == 0 ? new String[] {"CUSTOMER"} : roles);
    }

    /** The headers of a request of this user with these roles (CUSTOMER when none). */
    public static Map<String, String> auth(UUID user, String... roles) {
        return Map.of("Authorization", bearer(user, roles));
    }

    /** A request of this user with these roles (CUSTOMER when none); a body is sent as JSON. */
    public TestHttp.Response send(UUID user, String method, String path, @Nullable String body, String... roles) {
        Map<String, String> headers = new HashMap<>(auth(user, roles));
        if (body != null) {
            headers.put("Content-Type", "application/json");
        }
        return http.send(method, path, body, headers);
    }

    public TestHttp.Response get(UUID user, String path, String... roles) {
        return send(user, "GET", path, null, roles);
    }

    public TestHttp.Response post(UUID user, String path, String... roles) {
        return send(user, "POST", path, null, roles);
    }

    /** {@code POST /api/orders} of a customer, with this {@code Idempotency-Key} (none when null). */
    public TestHttp.Response place(UUID user, @Nullable String idempotencyKey, String body) {
        Map<String, String> headers = new HashMap<>(auth(user));
        headers.put("Content-Type", "application/json");
        if (idempotencyKey != null) {
            headers.put("Idempotency-Key", idempotencyKey);
        }
        return http.send("POST", "/api/orders", body, headers);
    }

    /**
     * An order of this many units of a new product at {@link #PRICE}, which the stand-in product-service reserves;
     * returns its id.
     */
    public UUID placedOrder(UUID user, int quantity) {
        UUID mug = UUID.randomUUID();
        ProductServiceStub.get().reservationSucceeds(mug, List.of(new Line(mug, "Mug", quantity, PRICE)));
        String key = "k-" + UUID.randomUUID();
        TestHttp.Response response = place(user, key, items(mug, quantity));
        // Only the setup: on a loaded build machine the stand-in can answer after the client's read timeout (503);
        // the same Idempotency-Key makes the retry the same order.
        for (int attempt = 1; attempt < 3 && response.status() == 503; attempt++) {
            response = place(user, key, items(mug, quantity));
        }
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return UUID.fromString(response.json().path("id").asString());
    }

    /** An order's body of one line. */
    public static String items(UUID productId, int quantity) {
        return "{\"items\":[" + item(productId, quantity) + "]}";
    }

    /** One line of an order's body. */
    public static String item(UUID productId, int quantity) {
        return "{\"productId\":\"" + productId + "\",\"quantity\":" + quantity + "}";
    }
}
