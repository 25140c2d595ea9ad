package com.northwind.shop.gateway.crowd;

import static org.assertj.core.api.Assertions.assertThat;

import com.northwind.shop.gateway.GatewayHttpTests;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

/** A crowd at the door: many requests at once to a slow service are all served, none refused by the gateway. */
class CrowdTests extends GatewayHttpTests {

    @Autowired
    private Environment environment;

    @Test
    void servesTwoHundredConcurrentRequestsToASlowServiceWithoutA503() {
        int port = environment.getRequiredProperty("local.server.port", Integer.class);
        String client = freshClientAddress();
        HttpClient httpClient =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        // Each answer takes 200 ms; 200 of them at once is eight times the bulkhead Spring Cloud CircuitBreaker
        // would have admitted (25), whose refusals then opened the breaker.
        List<CompletableFuture<HttpResponse<String>>> answers = IntStream.range(0, 200)
                .mapToObj(i -> httpClient.sendAsync(
                        HttpRequest.newBuilder(
                                        URI.create("http://127.0.0.1:" + port + "/api/products/slow?delayMs=200"))
                                .header("X-Forwarded-For", client)
                                .timeout(Duration.ofSeconds(30))
                                .build(),
                        HttpResponse.BodyHandlers.ofString()))
                .toList();
        Map<Integer, Long> statuses = answers.stream()
                .map(CompletableFuture::join)
                .collect(Collectors.groupingBy(HttpResponse::statusCode, Collectors.counting()));

        // On a loaded machine some may outlast the route's response timeout (504, the service's slowness); none is
        // refused by the gateway.
        assertThat(statuses).doesNotContainKey(503);
        assertThat(statuses.getOrDefault(200, 0L)).isGreaterThanOrEqualTo(150L);
    }
}
