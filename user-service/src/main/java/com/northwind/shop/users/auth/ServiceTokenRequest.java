package com.northwind.shop.users.auth;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * A service client's credentials (client credentials grant).
 *
 * @param clientId e.g. {@code order-service}
 * @param clientSecret the client's secret from its environment
 * @param audience the service the token is for (e.g. {@code product-service}): only that service accepts it, and
 *     only if the client is configured to call it (RFC 8707's resource indicator, by service name)
 */
@Schema(example = """
                {"clientId": "order-service", "clientSecret": "a-secret-of-at-least-32-characters-from-the-environment",
                 "audience": "product-service"}
                """)
public record ServiceTokenRequest(
        @Schema(example = "order-service") @NotBlank @Size(max = 100)
        String clientId,

        @NotBlank @Size(max = 500) String clientSecret,

        @Schema(example = "product-service") @NotBlank @Size(max = 100)
        String audience) {}
