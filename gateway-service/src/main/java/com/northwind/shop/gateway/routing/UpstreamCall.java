package com.northwind.shop.gateway.routing;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.CLIENT_RESPONSE_ATTR;

import com.northwind.shop.gateway.edge.ClientAddress;
import com.northwind.shop.gateway.edge.RequestIds;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.handler.TracingObservationHandler;
import io.micrometer.tracing.propagation.Propagator;
import io.netty.handler.timeout.ReadTimeoutException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.DefaultRequest;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.reactive.ReactiveLoadBalancer;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * The last step of a proxied request: picks an instance of the route's service (Spring Cloud LoadBalancer, the same
 * health-checked round robin Spring Cloud Gateway used), sends the request there with Reactor Netty's client (the
 * gateway's one pooled client, with the service's response timeout), and streams the answer back. Headers are copied
 * once, straight into the outgoing request: hop-by-hop headers, the client's {@code Host}, {@code Forwarded} and
 * {@code X-Forwarded-*} are dropped; {@code X-Forwarded-For/-Proto/-Host}, {@code X-Request-Id} and the gateway's
 * trace context ({@code traceparent}) are written. The exchange gets the upstream response under Spring Cloud
 * Gateway's {@code CLIENT_RESPONSE_ATTR}, which {@link UpstreamGuard} reads.
 *
 * <p>Failures are those of Spring Cloud Gateway's routing filter: no instance is a 503 {@link ResponseStatusException},
 * no answer within the response timeout a 504 one, a refused connection the client's {@code ConnectException}.
 */
final class UpstreamCall {

    /** Hop-by-hop headers (RFC 9110 §7.6.1), in lower case: never passed on, in either direction. */
    private static final Set<String> NOT_RETURNED = Set.of(
            "connection",
            "keep-alive",
            "proxy-connection",
            "proxy-authenticate",
            "proxy-authorization",
            "te",
            "trailer",
            "transfer-encoding",
            "upgrade");

    /** The hop-by-hop headers and those the gateway itself writes upstream. */
    private static final Set<String> NOT_FORWARDED = Stream.concat(
                    NOT_RETURNED.stream(), Stream.of("host", "forwarded", "x-request-id"))
            .collect(Collectors.toUnmodifiableSet());

    private static final Request<?> REQUEST = new DefaultRequest<>();
    private static final int MAX_KNOWN_INSTANCES = 64;

    private final HttpClient client;
    private final LoadBalancerClientFactory balancers;
    private final @Nullable Propagator propagator;
    private final Map<String, ReactiveLoadBalancer<ServiceInstance>> byService = new ConcurrentHashMap<>();
    private final Map<String, HttpClient> clients = new ConcurrentHashMap<>();
    private volatile Known[] known = new Known[0];

    UpstreamCall(HttpClient client, LoadBalancerClientFactory balancers, @Nullable Propagator propagator) {
        this.client = client;
        this.balancers = balancers;
        this.propagator = propagator;
    }

    Mono<Void> forward(ServerWebExchange exchange, ProxyRoute route) {
        return Mono.from(balancer(route.serviceId()).choose(REQUEST)).flatMap(chosen -> {
            ServiceInstance instance = chosen.hasServer() ? chosen.getServer() : null;
            if (instance == null) {
                return Mono.error(new ResponseStatusException(
                        HttpStatus.SERVICE_UNAVAILABLE, "No instance of " + route.serviceId()));
            }
            return send(exchange, route, instance);
        });
    }

    private Mono<Void> send(ServerWebExchange exchange, ProxyRoute route, ServiceInstance instance) {
        ServerHttpRequest request = exchange.getRequest();
        String query = request.getURI().getRawQuery();
        String uri = baseUri(instance) + request.getURI().getRawPath() + (query == null ? "" : "?" + query);
        ServerHttpResponse response = exchange.getResponse();
        NettyDataBufferFactory buffers = (NettyDataBufferFactory) response.bufferFactory();
        return clientFor(route)
                .request(io.netty.handler.codec.http.HttpMethod.valueOf(
                        request.getMethod().name()))
                .uri(uri)
                .send((outgoing, out) -> {
                    writeHeaders(exchange, outgoing.requestHeaders());
                    return out.send(request.getBody().map(NettyDataBufferFactory::toByteBuf));
                })
                .responseConnection((answer, connection) -> {
                    exchange.getAttributes().put(CLIENT_RESPONSE_ATTR, answer);
                    response.setStatusCode(
                            HttpStatusCode.valueOf(answer.status().code()));
                    HttpHeaders headers = response.getHeaders();
                    for (Map.Entry<String, String> header : answer.responseHeaders()) {
                        if (!NOT_RETURNED.contains(lower(header.getKey()))) {
                            headers.add(header.getKey(), header.getValue());
                        }
                    }
                    return response.writeWith(
                                    connection.inbound().receive().retain().map(buffers::wrap))
                            .doOnCancel(connection::dispose);
                })
                .onErrorMap(
                        ReadTimeoutException.class,
                        timeout -> new ResponseStatusException(
                                HttpStatus.GATEWAY_TIMEOUT,
                                "No answer within " + route.responseTimeout().toMillis() + " ms",
                                timeout))
                .then();
    }

    /** One pass over the client's headers, straight into the outgoing request. */
    private void writeHeaders(ServerWebExchange exchange, io.netty.handler.codec.http.HttpHeaders outgoing) {
        HttpHeaders incoming = exchange.getRequest().getHeaders();
        boolean injectTrace = propagator != null && currentSpan(exchange) != null;
        List<String> connectionOptions = incoming.getConnection();
        for (Map.Entry<String, List<String>> header : incoming.headerSet()) {
            String name = lower(header.getKey());
            if (NOT_FORWARDED.contains(name)
                    || name.startsWith("x-forwarded-")
                    || (injectTrace && isTraceHeader(name))
                    || (!connectionOptions.isEmpty() && containsIgnoringCase(connectionOptions, name))) {
                continue;
            }
            outgoing.set(header.getKey(), header.getValue());
        }
        if (incoming.containsHeader(HttpHeaders.TRANSFER_ENCODING)) {
            // A chunked body is sent chunked again; a Content-Length next to it would contradict it.
            outgoing.remove(HttpHeaders.CONTENT_LENGTH);
        }
        outgoing.set("X-Forwarded-For", ClientAddress.of(exchange));
        outgoing.set("X-Forwarded-Proto", exchange.getRequest().getURI().getScheme());
        String host = incoming.getFirst(HttpHeaders.HOST);
        if (host != null) {
            outgoing.set("X-Forwarded-Host", host);
        }
        String requestId = RequestIds.of(exchange);
        if (requestId != null) {
            outgoing.set(RequestIds.HEADER, requestId);
        }
        Span span = injectTrace ? currentSpan(exchange) : null;
        if (span != null && propagator != null) {
            // The propagator's setter may be handed no carrier (its signature says so); ours always is one.
            propagator.inject(span.context(), outgoing, (carrier, key, value) -> {
                if (carrier != null) {
                    carrier.set(key, value);
                }
            });
        }
    }

    /** The span of the gateway's own server observation of this request, if tracing observes it. */
    private static @Nullable Span currentSpan(ServerWebExchange exchange) {
        ServerRequestObservationContext context = ServerRequestObservationContext.findCurrent(exchange.getAttributes())
                .orElse(null);
        if (context == null) {
            return null;
        }
        TracingObservationHandler.TracingContext tracing = context.get(TracingObservationHandler.TracingContext.class);
        return tracing != null ? tracing.getSpan() : null;
    }

    private static boolean isTraceHeader(String lowerName) {
        return lowerName.equals("traceparent")
                || lowerName.equals("tracestate")
                || lowerName.equals("b3")
                || lowerName.startsWith("x-b3-");
    }

    private static boolean containsIgnoringCase(List<String> values, String lowerName) {
        for (String value : values) {
            if (value.trim().equalsIgnoreCase(lowerName)) {
                return true;
            }
        }
        return false;
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /**
     * The instance's URI as text. {@code ServiceInstance.getUri()} builds a new {@code URI} on every call; the few
     * instances the balancer hands out are remembered by identity instead (a new list replaces them).
     */
    private String baseUri(ServiceInstance instance) {
        Known[] known = this.known;
        for (Known k : known) {
            if (k.instance() == instance) {
                return k.uri();
            }
        }
        String uri = instance.getUri().toString();
        Known[] grown = known.length < MAX_KNOWN_INSTANCES ? Arrays.copyOf(known, known.length + 1) : new Known[1];
        grown[grown.length - 1] = new Known(instance, uri);
        this.known = grown;
        return uri;
    }

    private record Known(ServiceInstance instance, String uri) {}

    private ReactiveLoadBalancer<ServiceInstance> balancer(String serviceId) {
        return byService.computeIfAbsent(serviceId, balancers::getInstance);
    }

    /** The gateway's client with the route's response timeout: configured once, not copied per request. */
    private HttpClient clientFor(ProxyRoute route) {
        return clients.computeIfAbsent(route.id(), id -> client.responseTimeout(route.responseTimeout()));
    }
}
