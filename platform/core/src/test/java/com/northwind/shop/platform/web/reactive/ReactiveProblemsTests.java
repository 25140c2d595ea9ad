package com.northwind.shop.platform.web.reactive;

import static com.northwind.shop.platform.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.northwind.shop.platform.test.TestHttp;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

@SpringBootTest(
        classes = ReactiveProblemsTests.App.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.main.web-application-type=reactive",
            "management.endpoint.health.group.readiness.include=readinessState",
            "northwind.platform.max-request-body=10KB",
            // Spring Security is on the test classpath for the servlet chain; the gateway brings its own.
            "spring.autoconfigure.exclude="
                    + "org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration,"
                    + "org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration,"
                    + "org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration"
        })
class ReactiveProblemsTests {

    @Autowired
    Environment environment;

    TestHttp http;

    @BeforeEach
    void connect() {
        http = TestHttp.localhost(environment.getRequiredProperty("local.server.port", Integer.class));
    }

    @Test
    void unknownPathIsNotFound() {
        JsonNode problem = assertProblem(http.get("/missing"), 404);
        assertThat(problem.path("instance").asString()).isEqualTo("/missing");
    }

    @Test
    void wrongMethodIsMethodNotAllowed() {
        assertProblem(http.send("DELETE", "/things", null, Map.of()), 405);
    }

    @Test
    void wrongMediaTypeIsUnsupported() {
        assertProblem(http.send("POST", "/things", "x", Map.of("Content-Type", "text/csv")), 415);
    }

    @Test
    void malformedJsonIsBadRequest() {
        assertProblem(http.send("POST", "/things", "{\"name\":", Map.of("Content-Type", "application/json")), 400);
    }

    @Test
    void oversizedBodyIsTooLarge() {
        String body = "{\"name\":\"" + "a".repeat(20_000) + "\"}";
        assertProblem(http.send("POST", "/things", body, Map.of("Content-Type", "application/json")), 413);
    }

    @Test
    void oversizedBodyOfAnUnknownPathIsTooLarge() {
        String body = "x".repeat(20_000);
        assertProblem(http.send("POST", "/missing", body, Map.of("Content-Type", "application/json")), 413);
    }

    @Test
    void unexpectedFailureRevealsNothing() {
        JsonNode problem = assertProblem(http.get("/things/boom"), 500);
        assertThat(problem.toString()).doesNotContain("secret");
    }

    /** Nested classes of a test are not component-scanned: import the controller. */
    @SpringBootApplication(
            excludeName = {
                "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
                "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration"
            })
    @Import(ThingController.class)
    static class App {}

    record Thing(String name) {}

    @RestController
    static class ThingController {

        @PostMapping("/things")
        Mono<Thing> create(@RequestBody Mono<Thing> thing) {
            return thing;
        }

        @GetMapping("/things/boom")
        Mono<String> boom() {
            return Mono.error(new IllegalStateException("secret"));
        }
    }
}
