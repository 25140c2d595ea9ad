package com.northwind.shop.users.auth;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * A refresh token, to rotate or to revoke.
 *
 * @param refreshToken the opaque refresh token from login or the last refresh
 */
@Schema(example = """
                {"refreshToken": "rt_8Qh3k2ZpX0w9vL5mN7bC1dE4fG6hJ8kL"}
                """)
public record RefreshRequest(
        @Schema(example = "rt_8Qh3k2ZpX0w9vL5mN7bC1dE4fG6hJ8kL") @NotBlank @Size(max = 200)
        String refreshToken) {}
