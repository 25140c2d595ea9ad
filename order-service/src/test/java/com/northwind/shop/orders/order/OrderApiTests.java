package com.northwind.shop.orders.order;

import static com.northwind.shop.platform.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.northwind.shop.orders.OrdersApi;
import com.northwind.shop.orders.ProductServiceStub;
import com.northwind.shop.orders.ProductServiceStub.Line;
import com.northwind.shop.platform.test.RealInfrastructure;
import com.northwind.shop.platform.test.TestHttp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class OrderApiTests {

    private final ProductServiceStub products = ProductServiceStub.get();
    private final UUID customer = UUID.randomUUID();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    OrderExpiryJob expiry;

    TestHttp http;

    OrdersApi api;

    @BeforeEach
    void connect() {
        http = TestHttp.localhost(port);
        api = new OrdersApi(http);
    }

    @Test
    void placesAnOrderWithTheReservedPricesAndIgnoresClientPrices() {
        UUID mug = UUID.randomUUID();
        UUID tea = UUID.randomUUID();
        products.reservationSucceeds(mug, List.of(new Line(mug, "Mug", 2, 1999), new Line(tea, "Tea", 1, 500)));

        TestHttp.Response response = api.place(customer, "k-" + UUID.randomUUID(), """
                {"items":[{"productId":"%s","quantity":2,"unitPrice":{"amount":1,"currency":"USD"}},
                          {"productId":"%s","quantity":1}],"total":{"amount":1,"currency":"USD"}}""".formatted(mug, tea));

        assertThat(response.status()).as(response.body()).isEqualTo(201);
        JsonNode order = response.json();
        assertThat(order.path("status").asString()).isEqualTo("AWAITING_PAYMENT");
        assertThat(order.path("total").path("amount").asLong()).isEqualTo(2 * 1999 + 500);
        assertThat(order.path("total").path("currency").asString()).isEqualTo("USD");
        assertThat(order.path("items")).hasSize(2);
        JsonNode first = order.path("items").get(0);
        assertThat(first.path("productId").asString()).isEqualTo(mug.toString());
        assertThat(first.path("name").asString()).isEqualTo("Mug");
        assertThat(first.path("unitPrice").path("amount").asLong()).isEqualTo(1999);
        assertThat(first.path("lineTotal").path("amount").asLong()).isEqualTo(3998);
        assertThat(Instant.parse(order.path("expiresAt").asString())).isAfter(Instant.now());
        assertThat(order.path("createdAt").asString()).isNotBlank();
        // Reserved with order-service's own service token, under the order's id.
        assertThat(products.reservationsFor(mug)).isEqualTo(1);
        UUID id = UUID.fromString(order.path("id").asString());
        assertThat(jdbc.queryForObject("SELECT sum(line_total) FROM order_lines WHERE order_id = ?", Long.class, id))
                .isEqualTo(4498L);
        assertThat(jdbc.queryForList(
                        "SELECT to_status FROM order_status_history WHERE order_id = ? ORDER BY position",
                        String.class,
                        id))
                .containsExactly("AWAITING_PAYMENT");
        // A read answers what the placement answered.
        assertThat(api.get(customer, "/api/orders/" + id).json()).isEqualTo(order);
    }

    @Test
    void replaysTheFirstAnswerForTheSameKeyAndBody() {
        UUID mug = UUID.randomUUID();
        products.reservationSucceeds(mug, List.of(new Line(mug, "Mug", 1, 1999)));
        String key = "k-" + UUID.randomUUID();
        String body = OrdersApi.items(mug, 1);

        TestHttp.Response first = api.place(customer, key, body);
        TestHttp.Response second = api.place(customer, key, body);

        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(products.reservationsFor(mug)).isEqualTo(1);
        assertThat(ordersOf(customer)).isEqualTo(1);
    }

    @Test
    void rejectsTheSameKeyWithAnotherBody() {
        UUID mug = UUID.randomUUID();
        products.reservationSucceeds(mug, List.of(new Line(mug, "Mug", 1, 1999)));
        String key = "k-" + UUID.randomUUID();
        assertThat(api.place(customer, key, OrdersApi.items(mug, 1)).status()).isEqualTo(201);

        JsonNode problem = assertProblem(api.place(customer, key, OrdersApi.items(mug, 2)), 422);

        assertThat(problem.path("type").asString()).isEqualTo("urn:northwind:problem:idempotency-key-reused");
        assertThat(ordersOf(customer)).isEqualTo(1);
    }

    @Test
    void keysBelongToTheirUser() {
        UUID mug = UUID.randomUUID();
        products.reservationSucceeds(mug, List.of(new Line(mug, "Mug", 1, 1999)));
        String key = "k-" + UUID.randomUUID();
        UUID other = UUID.randomUUID();

        TestHttp.Response mine = api.place(customer, key, OrdersApi.items(mug, 1));
        TestHttp.Response theirs = api.place(other, key, OrdersApi.items(mug, 1));

        assertThat(theirs.status()).isEqualTo(201);
        assertThat(theirs.json().path("id")).isNotEqualTo(mine.json().path("id"));
    }

    @Test
    void requiresAnIdempotencyKey() {
        UUID mug = UUID.randomUUID();
        JsonNode problem = assertProblem(api.place(customer, null, OrdersApi.items(mug, 1)), 400);
        assertThat(problem.path("type").asString()).isEqualTo("urn:northwind:problem:idempotency-key-missing");
        assertThat(products.reservationsFor(mug)).isZero();
    }

    @Test
    void answersAConcurrentDuplicateWithConflict() {
        UUID mug = UUID.randomUUID();
        products.slowReservation(mug, new Line(mug, "Mug", 1, 1999), 1500);
        String key = "k-" + UUID.randomUUID();

        CompletableFuture<TestHttp.Response> first =
                CompletableFuture.supplyAsync(() -> api.place(customer, key, OrdersApi.items(mug, 1)));
        sleep(500);
        TestHttp.Response duplicate = api.place(customer, key, OrdersApi.items(mug, 1));

        assertProblem(duplicate, 409);
        assertThat(duplicate.json().path("type").asString()).isEqualTo("urn:northwind:problem:request-in-progress");
        assertThat(first.join().status()).isEqualTo(201);
        assertThat(api.place(customer, key, OrdersApi.items(mug, 1)).body())
                .isEqualTo(first.join().body());
    }

    @Test
    void refusesAnOrderThatExceedsStockAndCreatesNothing() {
        UUID mug = UUID.randomUUID();
        products.reservationOutOfStock(mug);
        String key = "k-" + UUID.randomUUID();

        JsonNode problem = assertProblem(api.place(customer, key, OrdersApi.items(mug, 5)), 409);

        assertThat(problem.path("type").asString()).isEqualTo("urn:northwind:problem:insufficient-stock");
        assertThat(problem.path("lines").get(0).path("productId").asString()).isEqualTo(mug.toString());
        assertThat(ordersOf(customer)).isZero();
        // The key was given up, so the customer can retry once stock is back.
        products.reservationSucceeds(mug, List.of(new Line(mug, "Mug", 5, 1999)));
        assertThat(api.place(customer, key, OrdersApi.items(mug, 5)).status()).isEqualTo(201);
    }

    @Test
    void releasesTheReservationWhenTheOrderCannotBeWritten() {
        UUID mug = UUID.randomUUID();
        UUID tea = UUID.randomUUID();
        products.reservationSucceeds(
                mug, List.of(new Line(mug, "Mug", 1, 1999, "USD"), new Line(tea, "Tea", 1, 500, "EUR")));

        TestHttp.Response response = api.place(
                customer,
                "k-" + UUID.randomUUID(),
                "{\"items\":[" + OrdersApi.item(mug, 1) + "," + OrdersApi.item(tea, 1) + "]}");

        assertProblem(response, 422);
        assertThat(ordersOf(customer)).isZero();
        assertThat(products.releasesOf(products.reservedOrderIds(mug).getFirst(), "checkout-failed"))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM idempotency_records WHERE user_id = ?", Integer.class, customer))
                .isZero();
    }

    @Test
    void answersServiceUnavailableWhenProductServiceFails() {
        UUID mug = UUID.randomUUID();
        products.reservationConnectionFails(mug);

        JsonNode problem = assertProblem(api.place(customer, "k-" + UUID.randomUUID(), OrdersApi.items(mug, 1)), 503);

        assertThat(problem.path("type").asString()).isEqualTo("urn:northwind:problem:downstream-unavailable");
        // Reservations are idempotent by order id, so they are retried.
        assertThat(products.reservationsFor(mug)).isEqualTo(2);
        assertThat(ordersOf(customer)).isZero();
    }

    @Test
    void aRetryAfterALostReservationAnswerReusesTheReservationInsteadOfHoldingTheStockTwice() {
        UUID mug = UUID.randomUUID();
        // product-service reserved, but its answer never arrived (connection reset).
        products.reservationConnectionFails(mug);
        String key = "k-" + UUID.randomUUID();

        assertProblem(api.place(customer, key, OrdersApi.items(mug, 1)), 503);

        List<UUID> attempted = products.reservedOrderIds(mug);
        assertThat(attempted).isNotEmpty().containsOnly(attempted.getFirst());
        UUID orderId = attempted.getFirst();
        // Given back at once rather than after 30 minutes; product-service keeps it open to this checkout's retry.
        assertThat(products.releasesOf(orderId, "checkout-failed")).isEqualTo(1);

        products.reservationSucceeds(mug, List.of(new Line(mug, "Mug", 1, 1999)));
        TestHttp.Response retry = api.place(customer, key, OrdersApi.items(mug, 1));

        assertThat(retry.status()).as(retry.body()).isEqualTo(201);
        assertThat(retry.json().path("id").asString()).isEqualTo(orderId.toString());
        assertThat(products.reservedOrderIds(mug)).containsOnly(orderId);
        assertThat(ordersOf(customer)).isEqualTo(1);
    }

    @Test
    void theOrderIdIsDerivedFromTheUserAndTheKey() {
        UUID other = UUID.randomUUID();
        assertThat(OrderService.orderIdFor(customer, "k-1")).isEqualTo(OrderService.orderIdFor(customer, "k-1"));
        assertThat(OrderService.orderIdFor(customer, "k-1")).isNotEqualTo(OrderService.orderIdFor(customer, "k-2"));
        assertThat(OrderService.orderIdFor(customer, "k-1")).isNotEqualTo(OrderService.orderIdFor(other, "k-1"));
        assertThat(OrderService.orderIdFor(customer, "k-1").version()).isEqualTo(5);
    }

    @Test
    void aKeyWhoseRecordWasPurgedCannotPlaceASecondOrderUnderTheSameId() {
        UUID mug = UUID.randomUUID();
        products.reservationSucceeds(mug, List.of(new Line(mug, "Mug", 1, 1999)));
        String key = "k-" + UUID.randomUUID();
        assertThat(api.place(customer, key, OrdersApi.items(mug, 1)).status()).isEqualTo(201);
        jdbc.update("DELETE FROM idempotency_records WHERE user_id = ?", customer); // purged after 48 h

        JsonNode problem = assertProblem(api.place(customer, key, OrdersApi.items(mug, 1)), 422);

        assertThat(problem.path("type").asString()).endsWith("idempotency-key-reused");
        assertThat(products.reservationsFor(mug)).isEqualTo(1);
        assertThat(ordersOf(customer)).isEqualTo(1);
    }

    @Test
    void rejectsInvalidItems() {
        UUID mug = UUID.randomUUID();
        assertProblem(api.place(customer, "k-" + UUID.randomUUID(), OrdersApi.items(mug, 0)), 400);
        assertProblem(api.place(customer, "k-" + UUID.randomUUID(), "{\"items\":[]}"), 400);
        assertProblem(
                api.place(
                        customer,
                        "k-" + UUID.randomUUID(),
                        "{\"items\":[" + OrdersApi.item(mug, 1) + "," + OrdersApi.item(mug, 2) + "]}"),
                400);
        assertThat(products.reservationsFor(mug)).isZero();
    }

    @Test
    void hidesAnotherUsersOrder() {
        UUID id = api.placedOrder(customer, 1);
        UUID other = UUID.randomUUID();

        assertProblem(api.get(other, "/api/orders/" + id), 404);
        assertProblem(api.post(other, "/api/orders/" + id + "/cancel"), 404);
        assertThat(api.get(other, "/api/orders").json().path("content")).isEmpty();
        assertThat(status(id)).isEqualTo("AWAITING_PAYMENT");
    }

    @Test
    void refusesCallsWithoutAToken() {
        assertProblem(http.get("/api/orders"), 401);
    }

    @Test
    void listsMyOrdersNewestFirstInPages() {
        List<UUID> placed = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            placed.add(api.placedOrder(customer, 1));
        }

        JsonNode page = api.get(customer, "/api/orders?page=0&size=2").json();

        assertThat(page.path("content")).hasSize(2);
        assertThat(page.path("content").get(0).path("id").asString())
                .isEqualTo(placed.get(2).toString());
        assertThat(page.path("content").get(1).path("id").asString())
                .isEqualTo(placed.get(1).toString());
        assertThat(page.path("page").path("totalElements").asLong()).isEqualTo(3);
        assertThat(page.path("page").path("totalPages").asInt()).isEqualTo(2);
        assertThat(page.path("page").path("size").asInt()).isEqualTo(2);
        assertThat(page.path("page").path("number").asInt()).isZero();
        assertThat(api.get(customer, "/api/orders?size=50").status()).isEqualTo(200);
        assertProblem(api.get(customer, "/api/orders?size=100000"), 400);
        assertThat(api.get(customer, "/api/orders?size=0").status()).isEqualTo(400);
        assertThat(api.get(customer, "/api/orders?page=-1").status()).isEqualTo(400);
    }

    @Test
    void cancellingReleasesStockRecordsHistoryAndPublishesAnEvent() {
        UUID id = api.placedOrder(customer, 1);

        TestHttp.Response response = api.post(customer, "/api/orders/" + id + "/cancel");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().path("status").asString()).isEqualTo("CANCELLED");
        assertThat(products.releasesOf(id)).isEqualTo(1);
        assertThat(history(id)).containsExactly("AWAITING_PAYMENT", "CANCELLED");
        Map<String, Object> event = jdbc.queryForMap(
                "SELECT stream, type, payload::text AS payload FROM outbox_events WHERE aggregate_id = ?",
                id.toString());
        assertThat(event.get("stream")).isEqualTo("orders.events");
        assertThat(event.get("type")).isEqualTo("OrderCancelled");
        assertThat((String) event.get("payload")).contains("\"reason\": \"customer\"");
        // A repeat changes nothing and publishes nothing more.
        assertThat(api.post(customer, "/api/orders/" + id + "/cancel").status()).isEqualTo(200);
        assertThat(history(id)).hasSize(2);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM outbox_events WHERE aggregate_id = ?", Integer.class, id.toString()))
                .isEqualTo(1);
    }

    @Test
    void adminsShipAndDeliverPaidOrdersAndShippedOrdersCannotBeCancelled() {
        UUID id = api.placedOrder(customer, 1);
        UUID admin = UUID.randomUUID();
        assertProblem(api.post(admin, "/api/orders/" + id + "/ship", "ADMIN"), 409);
        jdbc.update("UPDATE orders SET status = 'PAID' WHERE id = ?", id);

        assertProblem(api.post(customer, "/api/orders/" + id + "/ship"), 403);
        assertThat(api.post(admin, "/api/orders/" + id + "/ship", "ADMIN")
                        .json()
                        .path("status")
                        .asString())
                .isEqualTo("SHIPPED");
        assertProblem(api.post(customer, "/api/orders/" + id + "/cancel"), 409);
        assertThat(api.post(admin, "/api/orders/" + id + "/deliver", "ADMIN")
                        .json()
                        .path("status")
                        .asString())
                .isEqualTo("DELIVERED");

        assertThat(history(id)).containsExactly("AWAITING_PAYMENT", "SHIPPED", "DELIVERED");
        JsonNode all = api.get(admin, "/api/admin/orders?status=DELIVERED&size=50", "ADMIN")
                .json();
        assertThat(all.path("content").valueStream().map(o -> o.path("id").asString()))
                .contains(id.toString());
        assertProblem(api.get(customer, "/api/admin/orders"), 403);
    }

    @Test
    void expiresUnpaidOrdersPastTheirDeadline() {
        UUID due = api.placedOrder(customer, 1);
        UUID notYet = api.placedOrder(customer, 1);
        jdbc.update("UPDATE orders SET expires_at = now() - interval '1 minute' WHERE id = ?", due);

        assertThat(expiry.expireDue()).isGreaterThanOrEqualTo(1);

        assertThat(status(due)).isEqualTo("CANCELLED");
        assertThat(status(notYet)).isEqualTo("AWAITING_PAYMENT");
        assertThat(products.releasesOf(due)).isEqualTo(1);
        assertThat(products.releasesOf(notYet)).isZero();
        assertThat(jdbc.queryForObject(
                        "SELECT reason FROM order_status_history WHERE order_id = ? AND to_status = 'CANCELLED'",
                        String.class,
                        due))
                .isEqualTo("expired");
        assertThat(jdbc.queryForObject(
                        "SELECT type FROM outbox_events WHERE aggregate_id = ?", String.class, due.toString()))
                .isEqualTo("OrderCancelled");
        assertThat(expiry.expireDue()).isZero();
    }

    private String status(UUID id) {
        return jdbc.queryForObject("SELECT status FROM orders WHERE id = ?", String.class, id);
    }

    private List<String> history(UUID id) {
        return jdbc.queryForList(
                "SELECT to_status FROM order_status_history WHERE order_id = ? ORDER BY position", String.class, id);
    }

    private int ordersOf(UUID user) {
        Integer count = jdbc.queryForObject("SELECT count(*) FROM orders WHERE user_id = ?", Integer.class, user);
        return count == null ? 0 : count;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
