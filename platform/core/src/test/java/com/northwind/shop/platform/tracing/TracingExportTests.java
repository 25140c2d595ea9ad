package com.northwind.shop.platform.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.northwind.shop.platform.security.servlet.ServiceSecurityRules;
import com.northwind.shop.platform.test.TestHttp;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Spans leave the service only when TRACING_EXPORT_ENDPOINT is set, and then one request can be followed across
 * services: two real apps on loopback (front calls back through a RestClient from Boot's builder, as the services'
 * clients do) export to a real HTTP receiver speaking the Zipkin v2 API, the one Jaeger and Zipkin listen on (9411).
 */
class TracingExportTests {

    static final List<JsonNode> received = new CopyOnWriteArrayList<>();
    static HttpServer collector;
    static ConfigurableApplicationContext back;
    static ConfigurableApplicationContext front;

    @BeforeAll
    static void start() throws IOException {
        JsonMapper json = JsonMapper.builder().build();
        collector = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        collector.createContext("/api/v2/spans", exchange -> {
            try (exchange) {
                if ("POST".equals(exchange.getRequestMethod())) {
                    // The reporter gzips larger batches, as the Zipkin API allows.
                    InputStream body =
                            "gzip".equals(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                                    ? new GZIPInputStream(exchange.getRequestBody())
                                    : exchange.getRequestBody();
                    json.readTree(body).forEach(received::add);
                    exchange.sendResponseHeaders(202, -1);
                } else {
                    exchange.sendResponseHeaders(405, -1);
                }
            }
        });
        collector.start();
        String endpoint = "http://127.0.0.1:" + collector.getAddress().getPort() + "/api/v2/spans";
        back = app(BackApp.class, "back", "--TRACING_EXPORT_ENDPOINT=" + endpoint);
        front = app(
                FrontApp.class,
                "front",
                "--TRACING_EXPORT_ENDPOINT=" + endpoint,
                "--back.url=http://127.0.0.1:" + port(back));
    }

    @AfterAll
    static void stop() {
        for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] {front, back}) {
            if (context != null) {
                context.close();
            }
        }
        if (collector != null) {
            collector.stop(0);
        }
    }

    @Test
    void aRequestsSpansFromBothServicesReachTheCollectorUnderTheCallersTraceId() {
        String traceId = HexFormat.of().formatHex(UUID.randomUUID().toString().getBytes(), 0, 16);
        String callerSpan = "00f067aa0ba902b7";

        TestHttp.Response response = TestHttp.localhost(port(front))
                .send("GET", "/front", null, Map.of("traceparent", "00-" + traceId + "-" + callerSpan + "-01"));

        assertThat(response.status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            List<JsonNode> trace = spans(traceId);
            JsonNode frontServer = one(trace, "front", "SERVER");
            JsonNode frontClient = one(trace, "front", "CLIENT");
            JsonNode backServer = one(trace, "back", "SERVER");
            assertThat(frontServer.path("parentId").asString()).isEqualTo(callerSpan);
            assertThat(frontServer.path("tags").path("http.url").asString()).endsWith("/front");
            // In between may sit in-process spans (Spring Security's filter chain observations).
            assertThat(ancestors(frontClient, trace))
                    .as("front client's ancestors in %s", trace)
                    .contains(frontServer.path("id").asString());
            // The traceparent header carried the client span to back: its server span is that span's child.
            assertThat(backServer.path("parentId").asString())
                    .as("back's parent in %s", trace)
                    .isEqualTo(frontClient.path("id").asString());
        });
    }

    @Test
    void withoutAnEndpointNothingIsExported() {
        try (ConfigurableApplicationContext quiet = app(BackApp.class, "quiet")) {
            assertThat(quiet.getEnvironment().getProperty("management.tracing.export.zipkin.enabled"))
                    .isEqualTo("false");
            assertThat(quiet.getBeanNamesForType(zipkin2.reporter.brave.AsyncZipkinSpanHandler.class))
                    .isEmpty();
            assertThat(TestHttp.localhost(port(quiet)).get("/back").status()).isEqualTo(200);
        }
        assertThat(front.getBeanNamesForType(zipkin2.reporter.brave.AsyncZipkinSpanHandler.class))
                .hasSize(1);
    }

    private static List<JsonNode> spans(String traceId) {
        List<JsonNode> spans = new ArrayList<>();
        for (JsonNode span : received) {
            if (traceId.equals(span.path("traceId").asString())) {
                spans.add(span);
            }
        }
        return spans;
    }

    private static List<String> ancestors(JsonNode span, List<JsonNode> trace) {
        List<String> ancestors = new ArrayList<>();
        String parent = span.path("parentId").asString();
        while (!parent.isEmpty() && !ancestors.contains(parent)) {
            ancestors.add(parent);
            String id = parent;
            parent = trace.stream()
                    .filter(s -> id.equals(s.path("id").asString()))
                    .findFirst()
                    .map(s -> s.path("parentId").asString())
                    .orElse("");
        }
        return ancestors;
    }

    private static JsonNode one(List<JsonNode> spans, String service, String kind) {
        List<JsonNode> matching = spans.stream()
                .filter(s -> service.equals(
                        s.path("localEndpoint").path("serviceName").asString()))
                .filter(s -> kind.equals(s.path("kind").asString()))
                .toList();
        assertThat(matching).as("%s %s spans in %s", service, kind, spans).hasSize(1);
        return matching.get(0);
    }

    private static ConfigurableApplicationContext app(Class<?> source, String name, String... args) {
        List<String> all = new ArrayList<>(List.of(
                "--spring.application.name=" + name,
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--management.tracing.sampling.probability=1.0",
                "--northwind.logging.json=false",
                "--spring.main.web-application-type=servlet"));
        all.addAll(List.of(args));
        return new SpringApplicationBuilder(source).run(all.toArray(String[]::new));
    }

    private static int port(ConfigurableApplicationContext context) {
        return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration(
            excludeName = {
                "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
                "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration"
            })
    static class Open {

        /** These tests are about traces, not authentication. */
        @Bean
        ServiceSecurityRules openEverything() {
            return rules -> rules.requestMatchers("/**").permitAll();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @Import({Open.class, BackController.class})
    static class BackApp {}

    @Configuration(proxyBeanMethods = false)
    @Import({Open.class, FrontController.class})
    static class FrontApp {

        @Bean
        RestClient backClient(RestClient.Builder builder, org.springframework.core.env.Environment environment) {
            return builder.clone()
                    .baseUrl(environment.getRequiredProperty("back.url"))
                    .build();
        }
    }

    @RestController
    static class BackController {

        @GetMapping("/back")
        String back() {
            return "back";
        }
    }

    @RestController
    static class FrontController {

        private final RestClient back;

        FrontController(RestClient back) {
            this.back = back;
        }

        @GetMapping("/front")
        String front() {
            return "front+" + back.get().uri("/back").retrieve().body(String.class);
        }
    }
}
