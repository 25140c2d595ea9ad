package com.northwind.shop.users.account;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.util.Set;

/**
 * The complete set of roles a user should have.
 *
 * @param roles {@code CUSTOMER} and/or {@code ADMIN}
 */
@Schema(example = """
                {"roles": ["CUSTOMER", "ADMIN"]}
                """)
public record RolesRequest(
        @Schema(example = "[\"CUSTOMER\", \"ADMIN\"]") @NotEmpty @Size(max = 2)
        Set<Role> roles) {}
