package com.northwind.shop.users.account;

import java.util.Set;
import java.util.UUID;

/**
 * What signing in needs of an account, so that the entity stays inside this package.
 *
 * @param userId the account's id
 * @param passwordHash the stored password hash
 * @param active whether the account may sign in
 * @param roles what the account may do
 */
public record Credentials(UUID userId, String passwordHash, boolean active, Set<Role> roles) {

    static Credentials of(User user) {
        return new Credentials(user.getId(), user.getPasswordHash(), user.isActive(), user.getRoles());
    }
}
