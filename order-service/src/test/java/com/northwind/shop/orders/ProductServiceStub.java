package com.northwind.shop.orders;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.northwind.shop.platform.test.ServiceStub.json;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.northwind.shop.platform.test.ServiceStub;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * product-service and user-service's token endpoint, stood in for by a real HTTP server (WireMock) on a random
 * loopback port, shared by every test of the JVM.
 */
public final class ProductServiceStub {

    private static final ProductServiceStub SHARED = new ProductServiceStub();

    /** The products stubbed so far, as JSON by id, for the batch read ({@code GET /internal/products}). */
    private final Map<UUID, String> catalog = new ConcurrentHashMap<>();

    private final ServiceStub stub = new ServiceStub("order-service", "product-service", new BatchReads(catalog));

    private final WireMockServer server = stub.server();

    /** The service token the stand-in token endpoint issues to order-service; a real one, signed by the test JWKS. */
    private final String serviceToken = stub.serviceToken();

    private ProductServiceStub() {
        server.stubFor(post(urlPathMatching("/internal/reservations/[^/]+/release"))
                .willReturn(
                        json(200, "{\"orderId\":\"{{request.pathSegments.[2]}}\",\"status\":\"RELEASED\",\"lines\":[]}")
                                .withTransformers("response-template")));
        server.stubFor(WireMock.get(urlPathEqualTo("/internal/products"))
                .willReturn(aResponse().withTransformers(BatchReads.NAME)));
    }

    public static ProductServiceStub get() {
        return SHARED;
    }

    public String baseUrl() {
        return stub.baseUrl();
    }

    public String serviceToken() {
        return serviceToken;
    }

    /** A product of the catalog, as GET /internal/products answers it. */
    public void product(UUID id, String name, long price, boolean active) {
        catalog.put(id, """
                {"id":"%s","sku":"SKU-%s","name":"%s","description":"","price":{"amount":%d,"currency":"USD"},
                 "category":{"id":"%s","slug":"misc","name":"Misc"},"imageUrls":[],"attributes":{},
                 "active":%s,"availableQuantity":10,"version":1}
                """.formatted(id, id, name, price, UUID.randomUUID(), active));
    }

    public void unknownProduct(UUID id) {
        catalog.remove(id);
    }

    /** How many reads of several products, this one among them, came with order-service's service token. */
    public int productReads(UUID id) {
        return (int) server
                .findAll(getRequestedFor(urlPathEqualTo("/internal/products"))
                        .withHeader("Authorization", equalTo("Bearer " + serviceToken)))
                .stream()
                .filter(request -> request.queryParameter("ids").values().contains(id.toString()))
                .count();
    }

    /** Answers GET /internal/products?ids=... from {@link #catalog}: the products stubbed so far, unknown ids left out. */
    private static final class BatchReads implements ResponseDefinitionTransformerV2 {

        static final String NAME = "product-batch-reads";

        private final Map<UUID, String> catalog;

        BatchReads(Map<UUID, String> catalog) {
            this.catalog = catalog;
        }

        @Override
        public ResponseDefinition transform(ServeEvent serveEvent) {
            QueryParameter ids = serveEvent.getRequest().queryParameter("ids");
            String body = (ids.isPresent() ? ids.values() : List.<String>of())
                    .stream()
                            .flatMap(value -> Stream.of(value.split(",")))
                            .distinct()
                            .map(id -> catalog.get(UUID.fromString(id)))
                            .filter(Objects::nonNull)
                            .collect(Collectors.joining(",", "[", "]"));
            return json(200, body).build();
        }

        @Override
        public String getName() {
            return NAME;
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }
    }

    /** Reservations whose first line is {@code first} succeed, quoting these lines. */
    public void reservationSucceeds(UUID first, List<Line> lines) {
        String quoted = lines.stream()
                .map(line -> """
                        {"productId":"%s","sku":"SKU","name":"%s","quantity":%d,"unitPrice":{"amount":%d,"currency":"%s"}}""".formatted(
                                line.productId(), line.name(), line.quantity(), line.unitAmount(), line.currency()))
                .collect(Collectors.joining(","));
        server.stubFor(post(urlEqualTo("/internal/reservations"))
                .withRequestBody(matchingJsonPath("$.lines[0].productId", equalTo(first.toString())))
                .willReturn(json(
                                201,
                                "{\"orderId\":\"{{jsonPath request.body '$.orderId'}}\",\"status\":\"HELD\","
                                        + "\"expiresAt\":\"2999-01-01T00:00:00Z\",\"lines\":[" + quoted + "]}")
                        .withTransformers("response-template")));
    }

    /** Like {@link #reservationSucceeds} but answering only after a delay. */
    public void slowReservation(UUID first, Line line, int delayMillis) {
        server.stubFor(post(urlEqualTo("/internal/reservations"))
                .withRequestBody(matchingJsonPath("$.lines[0].productId", equalTo(first.toString())))
                .willReturn(json(
                                201,
                                "{\"orderId\":\"{{jsonPath request.body '$.orderId'}}\",\"status\":\"HELD\","
                                        + "\"expiresAt\":\"2999-01-01T00:00:00Z\",\"lines\":[{\"productId\":\""
                                        + line.productId() + "\",\"sku\":\"SKU\",\"name\":\"" + line.name()
                                        + "\",\"quantity\":" + line.quantity() + ",\"unitPrice\":{\"amount\":"
                                        + line.unitAmount() + ",\"currency\":\"USD\"}}]}")
                        .withFixedDelay(delayMillis)
                        .withTransformers("response-template")));
    }

    public void reservationOutOfStock(UUID first) {
        server.stubFor(post(urlEqualTo("/internal/reservations"))
                .withRequestBody(matchingJsonPath("$.lines[0].productId", equalTo(first.toString())))
                .willReturn(aResponse()
                        .withStatus(409)
                        .withHeader("Content-Type", "application/problem+json")
                        .withBody("""
                                {"type":"urn:northwind:problem:insufficient-stock","title":"Conflict","status":409,
                                 "detail":"Not enough stock","lines":[{"productId":"%s","requested":5,"available":1}]}
                                """.formatted(first))));
    }

    public void reservationConnectionFails(UUID first) {
        server.stubFor(post(urlEqualTo("/internal/reservations"))
                .withRequestBody(matchingJsonPath("$.lines[0].productId", equalTo(first.toString())))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    }

    /** How many reservation requests for this first product came, with order-service's service token. */
    public int reservationsFor(UUID first) {
        return server.findAll(postRequestedFor(urlEqualTo("/internal/reservations"))
                        .withRequestBody(matchingJsonPath("$.lines[0].productId", equalTo(first.toString())))
                        .withHeader("Authorization", equalTo("Bearer " + serviceToken)))
                .size();
    }

    /** How many release requests for this order came, with order-service's service token. */
    public int releasesOf(UUID orderId) {
        RequestPatternBuilder release = postRequestedFor(
                        urlPathEqualTo("/internal/reservations/" + orderId + "/release"))
                .withHeader("Authorization", equalTo("Bearer " + serviceToken));
        return server.findAll(release).size();
    }

    /** How many release requests for this order came with this reason ({@code cancelled}, {@code checkout-failed}). */
    public int releasesOf(UUID orderId, String reason) {
        RequestPatternBuilder release = postRequestedFor(
                        urlPathEqualTo("/internal/reservations/" + orderId + "/release"))
                .withQueryParam("reason", equalTo(reason))
                .withHeader("Authorization", equalTo("Bearer " + serviceToken));
        return server.findAll(release).size();
    }

    /** The order ids of the reservation requests for this first product, in the order they came. */
    public List<UUID> reservedOrderIds(UUID first) {
        return server
                .findAll(postRequestedFor(urlEqualTo("/internal/reservations"))
                        .withRequestBody(matchingJsonPath("$.lines[0].productId", equalTo(first.toString()))))
                .stream()
                .map(request -> UUID.fromString(tools.jackson.databind.json.JsonMapper.builder()
                        .build()
                        .readTree(request.getBodyAsString())
                        .path("orderId")
                        .asString()))
                .toList();
    }

    /**
     * A line product-service quotes in a reservation.
     *
     * @param productId the product
     * @param name its name
     * @param quantity how many units
     * @param unitAmount its unit price in minor units
     * @param currency its currency
     */
    public record Line(UUID productId, String name, int quantity, long unitAmount, String currency) {

        public Line(UUID productId, String name, int quantity, long unitAmount) {
            this(productId, name, quantity, unitAmount, "USD");
        }
    }

    private static Map<String, Object> properties(ProductServiceStub stub) {
        Map<String, Object> properties = new HashMap<>(stub.stub.properties());
        // Tests run the expiry job themselves.
        properties.put("northwind.orders.expiry-interval", "PT1H");
        properties.put("spring.jpa.properties.hibernate.generate_statistics", "true");
        return properties;
    }

    /** Points the application at the stand-in; registered for every test context in META-INF/spring.factories. */
    public static class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            ProductServiceStub stub = get();
            context.getEnvironment()
                    .getPropertySources()
                    .addFirst(new MapPropertySource("product-service-stub", properties(stub)));
        }
    }
}
