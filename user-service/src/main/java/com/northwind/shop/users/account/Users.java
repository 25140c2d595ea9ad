package com.northwind.shop.users.account;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

/** All accounts. Emails are stored normalised (trimmed, lower case), so lookups compare them directly. */
public interface Users extends JpaRepository<User, UUID> {

    Optional<User> findByEmail(String normalisedEmail);

    boolean existsByEmail(String normalisedEmail);
}
