package com.northwind.shop.platform.test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.Extension;
import java.util.Map;

/**
 * The service a service under test calls, and user-service's token endpoint, stood in for by one real HTTP server
 * (WireMock) on a random loopback port. The token endpoint issues the caller a real service token (signed by
 * {@link TestTokens}) for this callee only, and only against {@link #CLIENT_SECRET}. The caller reaches the stub
 * through its load balancer, as in production: {@link #properties()} lists the stub as the callee's one instance.
 */
public final class ServiceStub {

    /** The caller's client secret the token endpoint accepts. */
    public static final String CLIENT_SECRET = "test-secret";

    private final WireMockServer server;
    private final String callee;
    private final String serviceToken;

    /**
     * Starts the stand-in.
     *
     * @param caller the service under test, e.g. {@code order-service}: its client id at the token endpoint
     * @param callee the service stood in for, e.g. {@code product-service}: its service id and the tokens' audience
     */
    public ServiceStub(String caller, String callee) {
        this(caller, callee, new Extension[0]);
    }

    /**
     * Starts the stand-in with WireMock extensions, e.g. a transformer that composes answers stubs cannot express.
     *
     * @param caller the service under test: its client id at the token endpoint
     * @param callee the service stood in for: its service id and the tokens' audience
     * @param extensions WireMock extensions for the stand-in's server
     */
    public ServiceStub(String caller, String callee, Extension... extensions) {
        this.callee = callee;
        this.serviceToken = TestTokens.get().serviceToken(caller, callee);
        server = new WireMockServer(WireMockConfiguration.options()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .containerThreads(20)
                .extensions(extensions));
        server.start();
        server.stubFor(post(urlEqualTo("/api/auth/token"))
                .withRequestBody(matchingJsonPath("$.clientId", equalTo(caller)))
                .withRequestBody(matchingJsonPath("$.clientSecret", equalTo(CLIENT_SECRET)))
                // A token is issued per callee: the client must ask for one for this callee.
                .withRequestBody(matchingJsonPath("$.audience", equalTo(callee)))
                .willReturn(json(
                        200, "{\"accessToken\":\"" + serviceToken + "\",\"tokenType\":\"Bearer\",\"expiresIn\":300}")));
    }

    /** The WireMock server, to stub the callee's answers and count its requests. */
    public WireMockServer server() {
        return server;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    /** The service token the stand-in token endpoint issues. */
    public String serviceToken() {
        return serviceToken;
    }

    /**
     * What points the caller at the stand-in: the callee's one instance for Spring Cloud LoadBalancer (the client's
     * base URL stays the service id) and the token endpoint with the caller's secret.
     */
    public Map<String, Object> properties() {
        return Map.of(
                "spring.cloud.discovery.client.simple.instances." + callee + "[0].uri",
                baseUrl(),
                "northwind.security.service-client.client-secret",
                CLIENT_SECRET,
                "northwind.security.service-client.token-uri",
                baseUrl() + "/api/auth/token");
    }

    /** A JSON answer. */
    public static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(body);
    }

    /** A problem+json answer of the platform's shape, e.g. {@code problem(404, "not-found", "No order")}. */
    public static ResponseDefinitionBuilder problem(int status, String slug, String detail) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"type\":\"urn:northwind:problem:" + slug + "\",\"status\":" + status + ",\"detail\":\""
                        + detail + "\"}");
    }
}
