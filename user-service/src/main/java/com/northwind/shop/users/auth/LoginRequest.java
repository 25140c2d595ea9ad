package com.northwind.shop.users.auth;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Credentials.
 *
 * @param email the account's email, any case
 * @param password the password
 */
@Schema(example = """
                {"email": "customer@northwind.example", "password": "Customer-Demo-Passw0rd"}
                """)
public record LoginRequest(
        @Schema(example = "customer@northwind.example") @NotBlank @Size(max = 320)
        String email,

        @Schema(example = "Customer-Demo-Passw0rd") @NotBlank @Size(max = 128)
        String password) {}
