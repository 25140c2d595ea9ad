package com.northwind.shop.orders.cart;

import static com.northwind.shop.platform.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.northwind.shop.orders.OrdersApi;
import com.northwind.shop.orders.ProductServiceStub;
import com.northwind.shop.orders.ProductServiceStub.Line;
import com.northwind.shop.platform.test.RealInfrastructure;
import com.northwind.shop.platform.test.TestHttp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class CartApiTests {

    private final ProductServiceStub products = ProductServiceStub.get();
    private final UUID customer = UUID.randomUUID();

    @LocalServerPort
    int port;

    TestHttp http;

    OrdersApi api;

    @BeforeEach
    void connect() {
        http = TestHttp.localhost(port);
        api = new OrdersApi(http);
    }

    @Test
    void pricesTheCartWithCurrentPrices() {
        UUID mug = UUID.randomUUID();
        UUID tea = UUID.randomUUID();
        products.product(mug, "Mug", 1999, true);
        products.product(tea, "Tea", 500, true);

        assertThat(api.send(customer, "PUT", "/api/cart/items/" + mug, "{\"quantity\":2}")
                        .status())
                .isEqualTo(200);
        int teaBefore = products.productReads(tea);
        JsonNode cart = api.send(customer, "PUT", "/api/cart/items/" + tea, "{\"quantity\":3}")
                .json();
        // The new product checked and the whole cart priced by one call to product-service.
        assertThat(products.productReads(tea)).isEqualTo(teaBefore + 1);

        assertThat(cart.path("items")).hasSize(2);
        assertThat(cart.path("total").path("amount").asLong()).isEqualTo(2 * 1999 + 3 * 500);
        products.product(mug, "Mug", 2500, true);
        int mugReads = products.productReads(mug);
        int teaReads = products.productReads(tea);
        JsonNode repriced = api.send(customer, "GET", "/api/cart", null).json();
        // The whole cart priced by one call to product-service, not one per line.
        assertThat(products.productReads(mug)).isEqualTo(mugReads + 1);
        assertThat(products.productReads(tea)).isEqualTo(teaReads + 1);
        assertThat(repriced.path("total").path("amount").asLong()).isEqualTo(2 * 2500 + 3 * 500);
        assertThat(repriced.path("items")
                        .get(0)
                        .path("unitPrice")
                        .path("amount")
                        .asLong())
                .isEqualTo(2500);

        JsonNode without =
                api.send(customer, "DELETE", "/api/cart/items/" + mug, null).json();
        assertThat(without.path("items")).hasSize(1);
        assertThat(api.send(customer, "DELETE", "/api/cart", null).status()).isEqualTo(204);
        assertThat(api.send(customer, "GET", "/api/cart", null).json().path("items"))
                .isEmpty();
    }

    @Test
    void holdsAtMostFiftyDifferentProducts() {
        List<UUID> ids = products(51);
        for (UUID id : ids.subList(0, 50)) {
            assertThat(api.send(customer, "PUT", "/api/cart/items/" + id, "{\"quantity\":1}")
                            .status())
                    .isEqualTo(200);
        }

        JsonNode full =
                assertProblem(api.send(customer, "PUT", "/api/cart/items/" + ids.get(50), "{\"quantity\":1}"), 422);
        assertThat(full.path("type").asString()).endsWith("cart-full");
        JsonNode changed = api.send(customer, "PUT", "/api/cart/items/" + ids.get(49), "{\"quantity\":4}")
                .json();
        assertThat(changed.path("items")).hasSize(50);
        assertThat(changed.path("items").get(49).path("quantity").asInt()).isEqualTo(4);
        assertThat(changed.path("total").path("amount").asLong())
                .isEqualTo(ids.subList(0, 50).size() * 100L + 49 * 50 / 2 + 3 * 149L);
    }

    @Test
    void concurrentAddsNeverTakeTheCartPastFiftyProducts() throws Exception {
        List<UUID> ids = products(56);
        for (UUID id : ids.subList(0, 48)) {
            api.send(customer, "PUT", "/api/cart/items/" + id, "{\"quantity\":1}");
        }

        // Eight different products at once into a cart with room for two: each request reads 48 lines first.
        List<Integer> statuses;
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<Integer>> adds = new ArrayList<>();
            for (UUID id : ids.subList(48, 56)) {
                adds.add(pool.submit(() -> api.send(customer, "PUT", "/api/cart/items/" + id, "{\"quantity\":1}")
                        .status()));
            }
            statuses = new ArrayList<>();
            for (Future<Integer> add : adds) {
                statuses.add(add.get(60, TimeUnit.SECONDS));
            }
        }

        assertThat(statuses).containsOnly(200, 422).filteredOn(s -> s == 200).hasSize(2);
        assertThat(api.send(customer, "GET", "/api/cart", null).json().path("items"))
                .hasSize(50);
    }

    @Test
    void aMergedGuestCartFillsTheUsersCartOnlyUpToFiftyProducts() {
        List<UUID> ids = products(52);
        for (UUID id : ids.subList(0, 48)) {
            api.send(customer, "PUT", "/api/cart/items/" + id, "{\"quantity\":1}");
        }
        // The guest holds one product the user has too and four new ones; two of those fit, the oldest first.
        String token = null;
        for (UUID id : List.of(ids.get(0), ids.get(48), ids.get(49), ids.get(50), ids.get(51))) {
            Map<String, String> headers = token == null
                    ? Map.of("Content-Type", "application/json")
                    : Map.of("Content-Type", "application/json", "X-Cart-Token", token);
            TestHttp.Response put = http.send("PUT", "/api/cart/items/" + id, "{\"quantity\":2}", headers);
            assertThat(put.status()).as(put.body()).isEqualTo(200);
            token = token == null ? put.header("X-Cart-Token") : token;
        }

        JsonNode merged = signedInCart(token);

        assertThat(merged.path("items")).hasSize(50);
        assertThat(merged.path("items").get(0).path("quantity").asInt()).isEqualTo(3);
        assertThat(merged.path("items").get(48).path("productId").asString())
                .isEqualTo(ids.get(48).toString());
        assertThat(merged.path("items").get(49).path("productId").asString())
                .isEqualTo(ids.get(49).toString());
    }

    /** The customer's cart read with a guest's cart token: the first signed-in call, which merges the guest cart. */
    private JsonNode signedInCart(String guestToken) {
        return http.send(
                        "GET",
                        "/api/cart",
                        null,
                        Map.of("Authorization", OrdersApi.bearer(customer), "X-Cart-Token", guestToken))
                .json();
    }

    private List<UUID> products(int count) {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            UUID id = UUID.randomUUID();
            products.product(id, "Item " + i, 100 + i, true);
            ids.add(id);
        }
        return ids;
    }

    @Test
    void rejectsUnknownAndInactiveProductsAndBadQuantities() {
        UUID gone = UUID.randomUUID();
        UUID retired = UUID.randomUUID();
        UUID mug = UUID.randomUUID();
        products.unknownProduct(gone);
        products.product(retired, "Old", 100, false);
        products.product(mug, "Mug", 1999, true);

        assertProblem(api.send(customer, "PUT", "/api/cart/items/" + gone, "{\"quantity\":1}"), 422);
        assertProblem(api.send(customer, "PUT", "/api/cart/items/" + retired, "{\"quantity\":1}"), 422);
        assertProblem(api.send(customer, "PUT", "/api/cart/items/" + mug, "{\"quantity\":0}"), 400);
        assertProblem(api.send(customer, "PUT", "/api/cart/items/" + mug, "{\"quantity\":101}"), 400);
        assertThat(api.send(customer, "GET", "/api/cart", null).json().path("items"))
                .isEmpty();
    }

    @Test
    void ordersTheCartAndEmptiesIt() {
        UUID mug = UUID.randomUUID();
        products.product(mug, "Mug", 1999, true);
        products.reservationSucceeds(mug, List.of(new Line(mug, "Mug", 2, 1999)));
        api.send(customer, "PUT", "/api/cart/items/" + mug, "{\"quantity\":2}");

        TestHttp.Response order = http.send(
                "POST",
                "/api/orders",
                null,
                Map.of("Authorization", OrdersApi.bearer(customer), "Idempotency-Key", "cart-" + UUID.randomUUID()));

        assertThat(order.status()).as(order.body()).isEqualTo(201);
        assertThat(order.json().path("total").path("amount").asLong()).isEqualTo(3998);
        assertThat(api.send(customer, "GET", "/api/cart", null).json().path("items"))
                .isEmpty();
        assertProblem(
                http.send(
                        "POST",
                        "/api/orders",
                        null,
                        Map.of(
                                "Authorization",
                                OrdersApi.bearer(customer),
                                "Idempotency-Key",
                                "cart-" + UUID.randomUUID())),
                422);
    }

    @Test
    void keepsAGuestCartAndMergesItIntoTheUsersCartOnTheFirstSignedInCall() {
        UUID mug = UUID.randomUUID();
        UUID tea = UUID.randomUUID();
        products.product(mug, "Mug", 1999, true);
        products.product(tea, "Tea", 500, true);
        api.send(customer, "PUT", "/api/cart/items/" + mug, "{\"quantity\":1}");

        TestHttp.Response guest = http.send(
                "PUT", "/api/cart/items/" + mug, "{\"quantity\":2}", Map.of("Content-Type", "application/json"));
        assertThat(guest.status()).as(guest.body()).isEqualTo(200);
        String token = guest.header("X-Cart-Token");
        assertThat(token).isNotBlank();
        http.send(
                "PUT",
                "/api/cart/items/" + tea,
                "{\"quantity\":1}",
                Map.of("Content-Type", "application/json", "X-Cart-Token", token));
        assertThat(http.send("GET", "/api/cart", null, Map.of("X-Cart-Token", token))
                        .json()
                        .path("items"))
                .hasSize(2);

        JsonNode merged = signedInCart(token);

        assertThat(merged.path("items")).hasSize(2);
        assertThat(merged.path("total").path("amount").asLong()).isEqualTo(3 * 1999 + 500);
        assertThat(http.send("GET", "/api/cart", null, Map.of("X-Cart-Token", token))
                        .json()
                        .path("items"))
                .isEmpty();
        assertProblem(http.send("GET", "/api/cart", null, Map.of("X-Cart-Token", "x")), 400);
    }
}
