package com.northwind.shop.systemtests;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The gateway as a frontend sees it: HTTP and JSON, nothing else. */
final class Shop {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI gateway;
    private final HttpClient client;

    Shop(URI gateway) {
        this.gateway = gateway;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    URI gateway() {
        return gateway;
    }

    /** A request being built: method, path, optional token, headers and body. */
    final class Call {
        private final String method;
        private final String path;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private @Nullable String body;

        private Call(String method, String path) {
            this.method = method;
            this.path = path;
        }

        Call token(@Nullable String accessToken) {
            if (accessToken != null) {
                headers.put("Authorization", "Bearer " + accessToken);
            }
            return this;
        }

        Call header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        /** A fresh {@code Idempotency-Key}. */
        Call idempotent() {
            return header("Idempotency-Key", UUID.randomUUID().toString());
        }

        /** A JSON body from a map, list or record. */
        Call json(Object value) {
            return raw(JSON.writeValueAsString(value));
        }

        /** A body sent as it is, as {@code application/json}. */
        Call raw(String text) {
            this.body = text;
            headers.putIfAbsent("Content-Type", "application/json");
            return this;
        }

        /**
         * Sends, and sends again (up to five times, after the {@code Retry-After} it names) while the gateway itself
         * answers 503: what a frontend does when setting up, e.g. while a CPU-bound sign-up burst keeps user-service
         * from answering its health checks. Only for set-up steps, never for what a test is about.
         */
        Reply sendRetryingUnavailable() {
            Reply reply = send();
            for (int attempt = 1; attempt < 5 && reply.status() == 503; attempt++) {
                long seconds = reply.response()
                        .headers()
                        .firstValue("Retry-After")
                        .map(Long::parseLong)
                        .orElse(2L);
                try {
                    Thread.sleep(Duration.ofSeconds(Math.min(seconds, 5)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return reply;
                }
                reply = send();
            }
            return reply;
        }

        Reply send() {
            var builder = HttpRequest.newBuilder(gateway.resolve(path))
                    .timeout(TIMEOUT)
                    .header("Accept", "application/json, application/problem+json")
                    .method(
                            method,
                            body == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofString(body));
            headers.forEach(builder::header);
            try {
                var response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
                return new Reply(method + " " + path, response);
            } catch (IOException e) {
                throw new IllegalStateException(method + " " + path + " failed: " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(method + " " + path + " interrupted", e);
            }
        }
    }

    Call get(String path) {
        return new Call("GET", path);
    }

    Call post(String path) {
        return new Call("POST", path);
    }

    Call put(String path) {
        return new Call("PUT", path);
    }

    Call delete(String path) {
        return new Call("DELETE", path);
    }

    Call patch(String path) {
        return new Call("PATCH", path);
    }

    /** An answer from the gateway. */
    record Reply(String request, HttpResponse<String> response) {

        int status() {
            return response.statusCode();
        }

        String body() {
            return response.body();
        }

        String contentType() {
            return response.headers().firstValue("Content-Type").orElse("");
        }

        JsonNode json() {
            return JSON.readTree(body());
        }

        /** Fails naming the request, the status and the body unless the status is the expected one. */
        Reply expect(int status) {
            if (status() != status) {
                throw new AssertionError(request + " answered " + status() + ", expected " + status + ": " + body());
            }
            return this;
        }

        @Override
        public String toString() {
            return request + " -> " + status() + " " + body();
        }
    }
}
