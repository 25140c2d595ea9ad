package com.northwind.shop.orders.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.northwind.shop.orders.OrdersApi;
import com.northwind.shop.orders.ProductServiceStub;
import com.northwind.shop.platform.events.StreamKeys;
import com.northwind.shop.platform.test.RealInfrastructure;
import com.northwind.shop.platform.test.TestHttp;
import com.northwind.shop.platform.test.TestTokens;
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
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class OrderExpiryTests {

    private final ProductServiceStub products = ProductServiceStub.get();
    private final UUID customer = UUID.randomUUID();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    OrderExpiryJob expiry;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    StreamKeys events;

    OrdersApi api;

    @BeforeEach
    void connect() {
        api = new OrdersApi(TestHttp.localhost(port));
    }

    @Test
    void twoInstancesExpiringAtOnceCancelEachOrderExactlyOnce() {
        List<UUID> due = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            due.add(api.placedOrder(customer, 1));
        }
        due.forEach(id -> jdbc.update("UPDATE orders SET expires_at = now() - interval '1 minute' WHERE id = ?", id));

        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(expiry::expireDue);
        CompletableFuture<Integer> second = CompletableFuture.supplyAsync(expiry::expireDue);

        assertThat(first.join() + second.join()).isGreaterThanOrEqualTo(due.size());
        for (UUID id : due) {
            assertThat(jdbc.queryForObject("SELECT status FROM orders WHERE id = ?", String.class, id))
                    .isEqualTo("CANCELLED");
            assertThat(jdbc.queryForObject(
                            "SELECT count(*) FROM outbox_events WHERE aggregate_id = ?", Integer.class, id.toString()))
                    .isEqualTo(1);
            assertThat(jdbc.queryForObject(
                            "SELECT count(*) FROM order_status_history WHERE order_id = ? AND to_status = 'CANCELLED'",
                            Integer.class,
                            id))
                    .isEqualTo(1);
            assertThat(products.releasesOf(id)).isEqualTo(1);
        }
    }

    @Test
    void publishesOrderCancelledToTheOrdersStream() throws InterruptedException {
        UUID id = api.placedOrder(customer, 1);

        TestHttp.Response cancelled = TestHttp.localhost(port)
                .send(
                        "POST",
                        "/api/orders/" + id + "/cancel",
                        null,
                        Map.of("Authorization", "Bearer " + TestTokens.get().accessToken(customer, "CUSTOMER")));
        assertThat(cancelled.status()).isEqualTo(200);

        MapRecord<String, Object, Object> event = null;
        for (int attempt = 0; attempt < 100 && event == null; attempt++) {
            event = redis.opsForStream().range(events.streamKey("orders.events"), Range.unbounded()).stream()
                    .filter(entry -> id.toString().equals(entry.getValue().get("aggregateId")))
                    .findFirst()
                    .orElse(null);
            if (event == null) {
                Thread.sleep(100);
            }
        }
        assertThat(event).as("OrderCancelled on the stream").isNotNull();
        assertThat(event.getValue().get("type")).isEqualTo("OrderCancelled");
        assertThat((String) event.getValue().get("payload")).contains(customer.toString());
    }
}
