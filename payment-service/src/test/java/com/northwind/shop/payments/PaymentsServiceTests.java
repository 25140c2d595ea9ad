package com.northwind.shop.payments;

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
class PaymentsServiceTests extends ServiceConventionsTests {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void migratesItsOwnSchema() {
        Integer applied =
                jdbc.queryForObject("SELECT count(*) FROM payments.flyway_schema_history WHERE success", Integer.class);
        assertThat(applied).isPositive();
        assertThat(jdbc.queryForObject("SELECT current_schema()", String.class)).isEqualTo("payments");
    }

    @Test
    void describesThePublicEndpointsInOpenApi() {
        TestHttp.Response docs = http.get("/v3/api-docs");
        assertThat(docs.status()).as(docs.body()).isEqualTo(200);
        assertThat(docs.json().path("paths").propertyNames())
                .contains("/api/payments", "/api/payments/{id}", "/api/payments/{id}/refunds")
                .noneMatch(path -> path.startsWith("/internal"));
    }

    /** api/payments.json is what this code serves, so an API change shows up in review (api/update.sh refreshes it). */
    @Test
    void servesTheCommittedApiDocument() {
        ApiDocuments.assertServedDocumentIsCommitted(http, "payments");
    }
}
