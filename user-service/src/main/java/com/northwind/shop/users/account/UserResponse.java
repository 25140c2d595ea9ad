package com.northwind.shop.users.account;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * An account as clients see it; never the password hash.
 *
 * @param id the user's id
 * @param email the normalised email
 * @param name the display name
 * @param roles the roles
 * @param status {@code ACTIVE} or {@code DISABLED}
 * @param createdAt when the account was created
 */
@Schema(example = """
                {"id": "5b6d2e1a-0c3f-4e8b-9a7d-1f2e3d4c5b6a", "email": "ada@example.com", "name": "Ada Lovelace", "roles": ["CUSTOMER"], "status": "ACTIVE", "createdAt": "2026-12-01T09:30:00Z"}
                """)
public record UserResponse(
        UUID id,
        @Schema(maxLength = 320, format = "email") String email,
        @Schema(maxLength = 200) String name,
        @ArraySchema(maxItems = 2) Set<Role> roles,
        UserStatus status,
        Instant createdAt) {

    static UserResponse from(User user) {
        return new UserResponse(
                user.getId(),
                user.getEmail(),
                user.getName(),
                new TreeSet<>(user.getRoles()),
                user.getStatus(),
                user.getCreatedAt());
    }
}
