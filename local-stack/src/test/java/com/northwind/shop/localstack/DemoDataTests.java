package com.northwind.shop.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The demo steps against a small real HTTP server that answers like a service would (or would not yet). */
class DemoDataTests {

    private HttpServer server;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private void answer(String path, int status, String body) {
        server.createContext(path, exchange -> {
            received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
    }

    private Map<String, DemoData.Outcome> outcomes = Map.of();

    private String load() {
        var base = URI.create("http://localhost:" + server.getAddress().getPort());
        var http = new DemoData.Http(HttpClient.newHttpClient(), base, base);
        outcomes = DemoData.load(DemoData.defaultSteps(), http, new PrintStream(console, true, StandardCharsets.UTF_8));
        return console.toString(StandardCharsets.UTF_8);
    }

    @Test
    void skipsEveryStepWhoseEndpointDoesNotExistYet() {
        // No contexts: the JDK server answers 404 to everything, as a service without these APIs does.
        assertThat(load())
                .contains("admin account      skipped (not available yet: POST /api/auth/login answers 404)")
                .contains("customer account   skipped (not available yet: POST /api/auth/register answers 404)")
                .contains("catalog            skipped (not available yet: GET /api/products answers 404)");
        assertThat(DemoData.done(outcomes, DemoData.ADMIN_STEP)).isFalse(); // so no credentials are printed
    }

    @Test
    void registersTheCustomerChecksTheAdminAndCountsTheCatalog() {
        answer("/api/auth/login", 200, "{\"accessToken\":\"x\"}");
        answer("/api/auth/register", 201, "{}");
        answer("/api/products", 200, "{\"content\":[],\"page\":{\"size\":1,\"totalElements\":24}}");

        assertThat(load())
                .contains("admin account      admin@northwind.example can log in")
                .contains("customer account   created customer@northwind.example")
                .contains("catalog            24 products");
        assertThat(DemoData.done(outcomes, DemoData.ADMIN_STEP)).isTrue();
        assertThat(DemoData.done(outcomes, DemoData.CUSTOMER_STEP)).isTrue();
        assertThat(received)
                .contains("POST /api/auth/register {\"email\":\"customer@northwind.example\","
                        + "\"password\":\"Customer-Demo-Passw0rd\",\"name\":\"Demo Customer\"}");
    }

    @Test
    void anExistingCustomerIsFineAndOtherErrorsAreShownNotThrown() {
        answer("/api/auth/login", 401, "");
        answer("/api/auth/register", 409, "");
        answer("/api/products", 500, "{\"title\":\"Internal Server Error\"}");

        assertThat(load())
                .contains("admin account      failed: admin@northwind.example cannot log in")
                .contains("customer account   customer@northwind.example exists already")
                .contains("catalog            failed: HTTP 500 {\"title\":\"Internal Server Error\"}");
    }

    @Test
    void stepsForServicesThisRunDoesNotStartAreSkipped() {
        var http = new DemoData.Http(HttpClient.newHttpClient(), null, null);
        DemoData.load(DemoData.defaultSteps(), http, new PrintStream(console, true, StandardCharsets.UTF_8));

        assertThat(console.toString(StandardCharsets.UTF_8)).contains("skipped (user-service not started)");
    }
}
