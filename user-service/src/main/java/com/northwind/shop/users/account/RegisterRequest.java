package com.northwind.shop.users.account;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * A new account. Nothing else may be sent: role, id or status in the body are refused with 400.
 *
 * @param email the login email; compared without regard to case
 * @param password at least 12 characters, not the email, not a common password
 * @param name the display name
 */
@Schema(example = """
                {"email": "ada@example.com", "password": "correct-horse-battery-7", "name": "Ada Lovelace"}
                """)
public record RegisterRequest(
        @Schema(example = "ada@example.com") @NotBlank @Email @Size(max = 320)
        String email,

        @Schema(example = "correct-horse-battery-7", minLength = 12) @NotBlank @Size(max = 128)
        String password,

        @Schema(example = "Ada Lovelace") @NotBlank @Size(max = 200)
        String name) {}
