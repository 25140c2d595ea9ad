package com.northwind.shop.users.account;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * Changes to one's own account; absent fields stay as they are. A new password needs the current one and ends every
 * session (refresh tokens).
 *
 * @param name a new display name
 * @param currentPassword the current password, required with {@code newPassword}
 * @param newPassword the new password, subject to the password policy
 */
@Schema(example = """
                {"name": "Ada King", "currentPassword": "correct-horse-battery-7", "newPassword": "analytical-engine-1843"}
                """)
public record UpdateMeRequest(
        @Nullable @Size(min = 1, max = 200) @Pattern(regexp = ".*\\S.*", message = "must not be blank")
        String name,

        @Nullable @Size(max = 128) String currentPassword,
        @Nullable @Size(max = 128) String newPassword) {}
