package com.northwind.shop.users;

import static org.assertj.core.api.Assertions.assertThat;

import com.northwind.shop.platform.test.ApiDocuments;
import com.northwind.shop.platform.test.RealInfrastructure;
import com.northwind.shop.platform.test.ServiceConventionsTests;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
@ActiveProfiles("test")
class UsersServiceTests extends ServiceConventionsTests {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Environment env;

    /** user-service trusts only its own keys, so the conventions' requests carry a token signed with one of them. */
    @Override
    protected String bearerToken() {
        return com.northwind.shop.platform.test.TestTokens.forKey(
                        UsersIntegrationTests.keyPair(env, "test-new"), "test-new")
                .accessToken(UUID.randomUUID(), "CUSTOMER");
    }

    @Test
    void migratesItsOwnSchema() {
        Integer applied =
                jdbc.queryForObject("SELECT count(*) FROM users.flyway_schema_history WHERE success", Integer.class);
        assertThat(applied).isGreaterThanOrEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT current_schema()", String.class)).isEqualTo("users");
    }

    /** api/users.json is what this code serves, so an API change shows up in review (api/update.sh refreshes it). */
    @Test
    void servesTheCommittedApiDocument() {
        ApiDocuments.assertServedDocumentIsCommitted(http, "users");
    }
}
