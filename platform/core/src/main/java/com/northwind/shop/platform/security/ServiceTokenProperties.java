package com.northwind.shop.platform.security;

import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * This service's own credentials for service-to-service calls, under {@code northwind.security.service-client}. The
 * {@link ServiceTokenClient} exists only when both {@code client-id} and {@code client-secret} are set; the secret
 * comes from the environment ({@code SERVICE_CLIENT_SECRET}), never from a committed file.
 *
 * @param clientId this service's client id at user-service, e.g. {@code order-service}
 * @param clientSecret this service's client secret
 * @param tokenUri user-service's token endpoint
 * @param refreshBefore how long before expiry a cached token is replaced
 * @param connectTimeout connect timeout of the token request
 * @param readTimeout timeout of the whole token request after connecting
 */
@ConfigurationProperties("northwind.security.service-client")
public record ServiceTokenProperties(
        @Nullable String clientId,
        @Nullable String clientSecret,
        URI tokenUri,
        Duration refreshBefore,
        Duration connectTimeout,
        Duration readTimeout) {

    public ServiceTokenProperties {
        tokenUri = tokenUri == null ? URI.create("http://localhost:8081/api/auth/token") : tokenUri;
        refreshBefore = refreshBefore == null ? Duration.ofSeconds(30) : refreshBefore;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(2) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(3) : readTimeout;
    }
}
