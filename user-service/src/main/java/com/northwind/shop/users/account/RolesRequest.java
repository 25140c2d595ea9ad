package com.northwind.shop.users.account;

import jakarta.validation.constraints.NotEmpty;
import java.util.Set;

/**
 * The complete set of roles a user should have.
 *
 * @param roles {@code CUSTOMER} and/or {@code ADMIN}
 */
public record RolesRequest(@NotEmpty Set<Role> roles) {}
