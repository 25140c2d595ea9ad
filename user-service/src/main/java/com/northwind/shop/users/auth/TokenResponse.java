package com.northwind.shop.users.auth;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * Tokens for a client.
 *
 * @param accessToken the RS256 JWT to send as {@code Authorization: Bearer}
 * @param refreshToken the opaque refresh token (absent for service tokens)
 * @param tokenType always {@code Bearer}
 * @param expiresIn seconds until the access token expires
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(example = """
                {"accessToken": "eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIiwidHlwIjoiYXQrand0In0.eyJzdWIiOiI1YjZkMmUxYSJ9.c2lnbmF0dXJl", "refreshToken": "rt_8Qh3k2ZpX0w9vL5mN7bC1dE4fG6hJ8kL", "tokenType": "Bearer", "expiresIn": 900}
                """)
public record TokenResponse(
        @Schema(maxLength = 4096) String accessToken,

        @Schema(maxLength = 200, description = "absent for service tokens") @Nullable
        String refreshToken,

        @Schema(allowableValues = "Bearer") String tokenType,

        @Schema(minimum = "1", maximum = "86400", example = "900")
        long expiresIn) {

    static TokenResponse of(String accessToken, @Nullable String refreshToken, long expiresIn) {
        return new TokenResponse(accessToken, refreshToken, "Bearer", expiresIn);
    }
}
