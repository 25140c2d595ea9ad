package com.northwind.shop.users.account;

import java.util.UUID;

/**
 * A user's password changed or the account was disabled: every session (refresh token family) must end. Published
 * inside the transaction that made the change.
 *
 * @param userId the user whose sessions end
 */
public record CredentialsChanged(UUID userId) {}
