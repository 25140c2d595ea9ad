package com.northwind.shop.platform.test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A plain HTTP client for tests that talk to a running server over a real socket, the way a frontend does.
 */
public final class TestHttp {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    private final String baseUrl;

    public TestHttp(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** A client for a server on this machine's loopback interface. */
    public static TestHttp localhost(int port) {
        return new TestHttp("http://localhost:" + port);
    }

    public Response get(String path) {
        return send("GET", path, null, Map.of());
    }

    /** Sends a request; {@code body} is sent as is, with the headers given (add a Content-Type yourself). */
    public Response send(String method, String path, @Nullable String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response);
        } catch (IOException ex) {
            throw new IllegalStateException(method + " " + path + " failed", ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " " + path + " interrupted", ex);
        }
    }

    /** A response, with its body readable as JSON. */
    public record Response(HttpResponse<String> raw) {

        public int status() {
            return raw.statusCode();
        }

        public String body() {
            return raw.body();
        }

        public @Nullable String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public String contentType() {
            return raw.headers().firstValue("Content-Type").orElse("");
        }

        public JsonNode json() {
            return JSON.readTree(raw.body());
        }
    }
}
