package com.northwind.shop.platform.security.servlet;

import static com.northwind.shop.platform.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.northwind.shop.platform.security.TokenPrincipal;
import com.northwind.shop.platform.test.RealInfrastructure;
import com.northwind.shop.platform.test.TestHttp;
import com.northwind.shop.platform.test.TestTokens;
import com.northwind.shop.platform.test.TestTokens.BadToken;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@SpringBootTest(
        classes = ServletSecurityTests.App.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.main.web-application-type=servlet",
            "spring.application.name=thing-service",
            "spring.autoconfigure.exclude="
                    + "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration,"
                    + "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration"
        })
@RealInfrastructure
class ServletSecurityTests {

    private static final TestTokens tokens = TestTokens.get();

    @LocalServerPort
    int port;

    TestHttp http;

    @BeforeEach
    void connect() {
        http = TestHttp.localhost(port);
    }

    private TestHttp.Response get(String path, String token) {
        return http.send("GET", path, null, Map.of("Authorization", "Bearer " + token));
    }

    @Test
    void anonymousRequestIsUnauthorizedWithBearerChallenge() {
        TestHttp.Response response = http.get("/api/me");

        JsonNode problem = assertProblem(response, 401);
        assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(problem.path("type").asString()).isEqualTo("urn:northwind:problem:unauthorized");
    }

    @Test
    void validAccessTokenReachesTheControllerWithItsPrincipal() {
        UUID userId = UUID.randomUUID();

        TestHttp.Response response = get("/api/me", tokens.accessToken(userId, "CUSTOMER"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(userId.toString());
    }

    @ParameterizedTest
    @EnumSource(BadToken.class)
    void badTokensAreUnauthorized(BadToken kind) {
        TestHttp.Response response = get("/api/me", tokens.bad(kind, UUID.randomUUID()));

        assertProblem(response, 401);
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void tokenInQueryParameterIsIgnored() {
        String token = tokens.accessToken(UUID.randomUUID(), "CUSTOMER");

        assertProblem(http.get("/api/me?access_token=" + token), 401);
    }

    @Test
    void customerIsForbiddenFromAdminRules() {
        TestHttp.Response response = get("/api/admin/things", tokens.accessToken(UUID.randomUUID(), "CUSTOMER"));

        JsonNode problem = assertProblem(response, 403);
        assertThat(problem.path("type").asString()).isEqualTo("urn:northwind:problem:forbidden");
        assertThat(get("/api/admin/things", tokens.accessToken(UUID.randomUUID(), "ADMIN"))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void internalPathsNeedAServiceTokenForThisService() {
        assertProblem(get("/internal/things", tokens.accessToken(UUID.randomUUID(), "ADMIN")), 403);
        assertProblem(http.get("/internal/things"), 401);
        assertThat(get("/internal/things", tokens.serviceToken("order-service", "thing-service"))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aServiceTokenForAnotherServiceIsNoTokenHere() {
        assertProblem(get("/internal/things", tokens.serviceToken("order-service", "other-service")), 401);
        assertProblem(get("/internal/things", tokens.serviceToken("order-service", TestTokens.AUDIENCE)), 401);
        // One audience per token: a token good for several services would be good at each of them.
        String twoAudiences = tokens.sign(tokens.serviceClaims("order-service", "thing-service")
                .audience()
                .add("other-service")
                .and());
        assertProblem(get("/internal/things", twoAudiences), 401);
    }

    @Test
    void anAccessTokenWithTheInternalScopeIsNoServiceToken() {
        String token =
                tokens.sign(tokens.accessClaims(UUID.randomUUID(), "ADMIN").claim("scope", "internal"));

        assertProblem(get("/internal/things", token), 403);
    }

    @Test
    void anInternalEndpointServesOnlyItsDeclaredClients() {
        assertProblem(get("/internal/things", tokens.serviceToken("payment-service", "thing-service")), 403);
        assertThat(get("/internal/others", tokens.serviceToken("payment-service", "thing-service"))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void anInternalPathNoEndpointDeclaresIsForbidden() {
        assertProblem(get("/internal/undeclared", tokens.serviceToken("order-service", "thing-service")), 403);
    }

    @Test
    void serviceRulesCanOpenPaths() {
        assertThat(http.get("/api/public").status()).isEqualTo(200);
    }

    @Test
    void healthIsPublic() {
        assertThat(http.get("/actuator/health").status()).isEqualTo(200);
    }

    @Test
    void noSessionIsCreated() {
        TestHttp.Response response = get("/api/me", tokens.accessToken(UUID.randomUUID(), "CUSTOMER"));

        assertThat(response.header("Set-Cookie")).isNull();
    }

    @SpringBootApplication
    @Import(ThingController.class)
    static class App {

        @Bean
        ServiceSecurityRules rules() {
            return rules -> rules.requestMatchers("/api/public")
                    .permitAll()
                    .requestMatchers("/api/admin/**")
                    .hasRole("ADMIN");
        }

        @Bean
        InternalEndpoint things() {
            return InternalEndpoint.of("/internal/things/**", "order-service");
        }

        @Bean
        InternalEndpoint others() {
            return InternalEndpoint.of("/internal/others", "order-service", "payment-service");
        }
    }

    @RestController
    static class ThingController {

        @GetMapping("/api/me")
        String me(@AuthenticationPrincipal TokenPrincipal principal) {
            return principal.requireUserId().toString();
        }

        @GetMapping("/api/public")
        String open() {
            return "open";
        }

        @GetMapping({"/api/admin/things", "/internal/things", "/internal/others", "/internal/undeclared"})
        String things() {
            return "[]";
        }
    }
}
