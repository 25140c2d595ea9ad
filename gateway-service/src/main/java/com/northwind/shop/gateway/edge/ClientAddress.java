package com.northwind.shop.gateway.edge;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;

/**
 * Finds the address of the client behind a request. {@code X-Forwarded-For} is read only when the peer is a trusted
 * proxy, and then from the right: the first address that is not itself a trusted proxy is the client. Anyone else's
 * {@code X-Forwarded-For} is ignored, so a client cannot pick its own rate-limit key. Since a proxy in front that is
 * missing from {@code TRUSTED_PROXIES} makes every client look like that proxy (one throttle bucket for everyone), an
 * {@code X-Forwarded-For} from an untrusted peer is logged as a warning, at most once per
 * {@value #WARNING_INTERVAL_MINUTES} minutes.
 */
public final class ClientAddress {

    /** Exchange attribute under which the resolved client address (a literal IP) is kept. */
    public static final String ATTRIBUTE = ClientAddress.class.getName();

    static final long WARNING_INTERVAL_MINUTES = 5;

    private static final Logger log = LoggerFactory.getLogger(ClientAddress.class);

    private final List<Range> trustedProxies;
    private final Clock clock;
    private final AtomicReference<Instant> nextWarning = new AtomicReference<>(Instant.MIN);
    private final AtomicInteger warnings = new AtomicInteger();

    public ClientAddress(List<String> trustedProxies) {
        this(trustedProxies, Clock.systemUTC());
    }

    ClientAddress(List<String> trustedProxies, Clock clock) {
        this.trustedProxies = trustedProxies.stream().map(Range::parse).toList();
        this.clock = clock;
    }

    /** The client address resolved for this exchange by the edge filter, else the peer's address. */
    public static String of(ServerWebExchange exchange) {
        String resolved = exchange.getAttribute(ATTRIBUTE);
        if (resolved != null) {
            return resolved;
        }
        InetSocketAddress peer = exchange.getRequest().getRemoteAddress();
        return peer != null && peer.getAddress() != null ? peer.getAddress().getHostAddress() : "unknown";
    }

    /** Resolves the client address of a request. */
    String resolve(ServerHttpRequest request) {
        InetSocketAddress peer = request.getRemoteAddress();
        InetAddress current = peer != null ? peer.getAddress() : null;
        if (current == null) {
            return "unknown";
        }
        List<String> forwarded = new ArrayList<>();
        for (String header : request.getHeaders().getValuesAsList("X-Forwarded-For")) {
            for (String part : header.split(",")) {
                if (!part.isBlank()) {
                    forwarded.add(part.trim());
                }
            }
        }
        if (!forwarded.isEmpty() && !isTrusted(current)) {
            warnUntrustedForwarder(current);
        }
        for (int i = forwarded.size() - 1; i >= 0 && isTrusted(current); i--) {
            InetAddress next = literal(forwarded.get(i));
            if (next == null) {
                break;
            }
            current = next;
        }
        return current.getHostAddress();
    }

    /** Once per interval across all threads: a misconfigured ingress sends this header on every request. */
    private void warnUntrustedForwarder(InetAddress peer) {
        Instant now = clock.instant();
        Instant due = nextWarning.get();
        if (now.isBefore(due)
                || !nextWarning.compareAndSet(due, now.plus(Duration.ofMinutes(WARNING_INTERVAL_MINUTES)))) {
            return;
        }
        warnings.incrementAndGet();
        log.warn(
                "X-Forwarded-For from {}, which is not a trusted proxy: the header is ignored and the peer is taken "
                        + "as the client. If a proxy or ingress sits in front of the gateway, add its addresses to "
                        + "TRUSTED_PROXIES, or every client shares its throttle buckets (logged at most every {} min)",
                peer.getHostAddress(),
                WARNING_INTERVAL_MINUTES);
    }

    /** How many warnings about an untrusted forwarder were logged. */
    int warnings() {
        return warnings.get();
    }

    boolean isTrusted(InetAddress address) {
        return trustedProxies.stream().anyMatch(range -> range.contains(address));
    }

    /** Parses an IP literal without ever resolving a host name. */
    static @Nullable InetAddress literal(String value) {
        String candidate =
                value.startsWith("[") && value.endsWith("]") ? value.substring(1, value.length() - 1) : value;
        if (!candidate.matches("[0-9a-fA-F:.]+") || !(candidate.contains(".") || candidate.contains(":"))) {
            return null;
        }
        try {
            return InetAddress.getByName(candidate);
        } catch (UnknownHostException ex) {
            return null;
        }
    }

    /** An IP address or CIDR range. */
    record Range(byte[] network, int prefixLength) {

        static Range parse(String value) {
            String[] parts = value.trim().split("/", 2);
            InetAddress address = literal(parts[0]);
            if (address == null) {
                throw new IllegalArgumentException("Not an IP address or CIDR range: " + value);
            }
            byte[] bytes = address.getAddress();
            int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : bytes.length * 8;
            if (prefix < 0 || prefix > bytes.length * 8) {
                throw new IllegalArgumentException("Bad prefix length in " + value);
            }
            return new Range(bytes, prefix);
        }

        boolean contains(InetAddress address) {
            byte[] candidate = address.getAddress();
            if (candidate.length != network.length) {
                return false;
            }
            int whole = prefixLength / 8;
            for (int i = 0; i < whole; i++) {
                if (candidate[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefixLength % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (candidate[whole] & mask) == (network[whole] & mask);
        }
    }
}
