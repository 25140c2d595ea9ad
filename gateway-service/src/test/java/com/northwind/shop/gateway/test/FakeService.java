package com.northwind.shop.gateway.test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;

/**
 * A real downstream HTTP server on a loopback port, standing in for one instance of a service: it answers its
 * readiness probe, serves a minimal OpenAPI document, answers everything else with its own name, and records every
 * request it receives. A query {@code delayMs=N} makes it wait N milliseconds before answering. It can be stopped and started again on the same port, like a crashed and restarted instance.
 */
public final class FakeService {

    /** The readiness path the gateway's health checks call. */
    public static final String READINESS = "/actuator/health/readiness";

    private final String name;
    private final int port;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private @Nullable HttpServer server;

    private FakeService(String name, int port) {
        this.name = name;
        this.port = port;
    }

    /** Starts an instance on a free loopback port. */
    public static FakeService start(String name) {
        FakeService service = new FakeService(name, deadPort());
        service.start();
        return service;
    }

    /** A loopback port nothing listens on. */
    public static int deadPort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Starts (again) on this instance's port. */
    public synchronized void start() {
        if (server == null) {
            server = bind(port);
        }
    }

    /** Stops listening, as if the instance had crashed. */
    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    public String name() {
        return name;
    }

    public String uri() {
        return "http://127.0.0.1:" + port;
    }

    /** Requests received, readiness probes excluded. */
    public List<Received> requests() {
        return received.stream().filter(r -> !r.path().equals(READINESS)).toList();
    }

    /** Every request received, readiness probes included. */
    public List<Received> allRequests() {
        return List.copyOf(received);
    }

    public void clear() {
        received.clear();
    }

    private HttpServer bind(int port) {
        try {
            // A thread per request (virtual) and a deep backlog: a slow instance must still take a crowd, as
            // Tomcat with virtual threads does.
            HttpServer created = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
            created.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            created.createContext("/", this::handle);
            created.start();
            return created;
        } catch (IOException ex) {
            throw new UncheckedIOException("Cannot bind " + name + " to port " + port, ex);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            long bodyLength;
            try (InputStream body = exchange.getRequestBody()) {
                bodyLength = body.transferTo(OutputStream.nullOutputStream());
            }
            String path = exchange.getRequestURI().getRawPath();
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
            received.add(new Received(
                    exchange.getRequestMethod(), path, exchange.getRequestURI().getRawQuery(), headers, bodyLength));
            String query = exchange.getRequestURI().getRawQuery();
            if (query != null && query.startsWith("delayMs=")) {
                sleep(Long.parseLong(query.substring("delayMs=".length())));
            }
            String body;
            if (path.equals(READINESS)) {
                body = "{\"status\":\"UP\"}";
            } else if (path.equals("/v3/api-docs")) {
                body = "{\"openapi\":\"3.1.0\",\"info\":{\"title\":\"" + name + "\",\"version\":\"1\"},\"paths\":{}}";
            } else {
                body = "{\"instance\":\"" + name + "\"}";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            int status = exchange.getRequestMethod().equals("POST") ? 201 : 200;
            if (query != null && query.startsWith("status=")) {
                String[] parts = query.substring("status=".length()).split("&retryAfter=", 2);
                status = Integer.parseInt(parts[0]);
                if (parts.length == 2) {
                    exchange.getResponseHeaders().set("Retry-After", parts[1]);
                }
            }
            if (exchange.getRequestMethod().equals("HEAD")) {
                exchange.sendResponseHeaders(status, -1);
            } else {
                exchange.sendResponseHeaders(status, bytes.length);
                exchange.getResponseBody().write(bytes);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * One request as the service saw it.
     *
     * @param method the HTTP method
     * @param path the raw path
     * @param query the raw query, if any
     * @param headers the headers, names lower-cased
     * @param bodyLength bytes of body received
     */
    public record Received(
            String method, String path, @Nullable String query, Map<String, List<String>> headers, long bodyLength) {

        public @Nullable String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }
}
