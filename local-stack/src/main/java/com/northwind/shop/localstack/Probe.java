package com.northwind.shop.localstack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Tells whether a started process is ready to serve. Each check is quick and never throws. */
@FunctionalInterface
interface Probe {

    Duration TIMEOUT = Duration.ofSeconds(2);

    boolean ready();

    /** Ready when a GET answers 200, e.g. Spring Boot's {@code /actuator/health/readiness}. */
    static Probe http(URI uri) {
        var client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        var request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build();
        return () -> {
            try {
                return client.send(request, HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        };
    }

    /** Ready when Redis answers {@code PING} with {@code +PONG}. */
    static Probe redis(String host, int port) {
        return () -> {
            try (var socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), (int) TIMEOUT.toMillis());
                socket.setSoTimeout((int) TIMEOUT.toMillis());
                socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
                byte[] reply = socket.getInputStream().readNBytes(5);
                return new String(reply, StandardCharsets.US_ASCII).equals("+PONG");
            } catch (IOException e) {
                return false;
            }
        };
    }

    /** Ready as soon as something accepts TCP connections on the port. */
    static Probe tcp(String host, int port) {
        return () -> Ports.reachable(host, port);
    }
}
