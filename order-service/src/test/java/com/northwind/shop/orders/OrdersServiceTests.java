package com.northwind.shop.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.northwind.shop.platform.test.ApiDocuments;
import com.northwind.shop.platform.test.RealInfrastructure;
import com.northwind.shop.platform.test.ServiceConventionsTests;
import com.northwind.shop.platform.test.TestHttp;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class OrdersServiceTests extends ServiceConventionsTests {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void migratesItsOwnSchema() {
        Integer applied =
                jdbc.queryForObject("SELECT count(*) FROM orders.flyway_schema_history WHERE success", Integer.class);
        assertThat(applied).isPositive();
        assertThat(jdbc.queryForObject("SELECT current_schema()", String.class)).isEqualTo("orders");
    }

    @Test
    void describesThePublicEndpointsInOpenApi() {
        TestHttp.Response docs = http.get("/v3/api-docs");
        assertThat(docs.status()).as(docs.body()).isEqualTo(200);
        assertThat(docs.json().path("paths").propertyNames())
                .contains(
                        "/api/orders",
                        "/api/orders/{id}",
                        "/api/orders/{id}/cancel",
                        "/api/cart",
                        "/api/cart/items/{productId}",
                        "/api/admin/orders");
    }

    /**
     * The series the saga's alert rules query (docker/prometheus/rules/saga.yml, deploy-tests pins the names there),
     * under the names Prometheus scrapes, for the group on payments.events and the outbox.
     */
    @Test
    void exportsTheSagaSeriesTheAlertRulesQuery() {
        TestHttp.Response metrics = http.get("/actuator/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body())
                .contains(
                        "shop_outbox_backlog",
                        "shop_outbox_oldest_age_seconds",
                        "shop_events_consumer_lag{",
                        "shop_events_pending_oldest_age_seconds{",
                        "shop_events_dead_letters{",
                        "shop_events_handler_failures_total{")
                .contains("group=\"order-service\"", "stream=\"payments.events\"");
    }

    /** api/orders.json is what this code serves, so an API change shows up in review (api/update.sh refreshes it). */
    @Test
    void servesTheCommittedApiDocument() {
        ApiDocuments.assertServedDocumentIsCommitted(http, "orders");
    }
}
