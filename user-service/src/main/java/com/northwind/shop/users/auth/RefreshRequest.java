package com.northwind.shop.users.auth;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * A refresh token, to rotate or to revoke.
 *
 * @param refreshToken the opaque refresh token from login or the last refresh
 */
public record RefreshRequest(@NotBlank @Size(max = 200) String refreshToken) {}
