package com.northwind.shop.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

class ClientAddressTests {

    private final ClientAddress addresses = new ClientAddress(List.of("10.0.0.0/8", "192.168.1.5", "::1/128"));

    @Test
    void ignoresForwardedForFromAnUntrustedPeer() {
        assertThat(addresses.resolve(request("203.0.113.9", "1.2.3.4"))).isEqualTo("203.0.113.9");
    }

    @Test
    void takesTheRightmostUntrustedAddressBehindTrustedProxies() {
        assertThat(addresses.resolve(request("10.1.2.3", "6.6.6.6, 198.51.100.20, 10.9.9.9")))
                .isEqualTo("198.51.100.20");
        assertThat(addresses.resolve(request("192.168.1.5", "198.51.100.21"))).isEqualTo("198.51.100.21");
    }

    @Test
    void stopsAtAnythingThatIsNotAnAddress() {
        assertThat(addresses.resolve(request("10.1.2.3", "evil.example.com"))).isEqualTo("10.1.2.3");
    }

    @Test
    void matchesRangesByPrefixLength() {
        assertThat(addresses.resolve(request("192.168.1.6", "1.2.3.4"))).isEqualTo("192.168.1.6");
        assertThat(addresses.resolve(request("11.0.0.1", "1.2.3.4"))).isEqualTo("11.0.0.1");
    }

    @Test
    void warnsOncePerIntervalWhenAnUntrustedPeerSendsForwardedFor() {
        java.util.concurrent.atomic.AtomicReference<java.time.Instant> now =
                new java.util.concurrent.atomic.AtomicReference<>(java.time.Instant.parse("2026-12-06T12:00:00Z"));
        java.time.Clock clock = new java.time.Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public java.time.Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public java.time.Instant instant() {
                return now.get();
            }
        };
        ClientAddress watched = new ClientAddress(List.of("10.0.0.0/8"), clock);

        watched.resolve(request("10.1.2.3", "198.51.100.20"));
        assertThat(watched.warnings())
                .as("a trusted proxy's header is expected")
                .isZero();
        watched.resolve(MockServerHttpRequest.get("/api/products")
                .remoteAddress(new InetSocketAddress("203.0.113.9", 40000))
                .build());
        assertThat(watched.warnings()).as("no header, nothing to warn about").isZero();

        for (int i = 0; i < 100; i++) {
            watched.resolve(request("172.16.0.9", "198.51.100.20"));
        }
        assertThat(watched.warnings()).isEqualTo(1);

        now.set(now.get().plus(java.time.Duration.ofMinutes(ClientAddress.WARNING_INTERVAL_MINUTES)));
        watched.resolve(request("172.16.0.9", "198.51.100.20"));
        assertThat(watched.warnings()).isEqualTo(2);
    }

    @Test
    void rejectsHostNamesInConfiguration() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ClientAddress(List.of("proxy.internal")));
    }

    private static MockServerHttpRequest request(String peer, String forwardedFor) {
        return MockServerHttpRequest.get("/api/products")
                .remoteAddress(new InetSocketAddress(peer, 40000))
                .header("X-Forwarded-For", forwardedFor)
                .build();
    }
}
