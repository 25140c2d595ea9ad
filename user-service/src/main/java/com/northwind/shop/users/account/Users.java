package com.northwind.shop.users.account;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;
import org.springframework.transaction.annotation.Transactional;

/** All accounts. Emails are stored normalised (trimmed, lower case), so lookups compare them directly. */
interface Users extends JpaRepository<User, UUID> {

    Optional<User> findByEmail(String normalisedEmail);

    boolean existsByEmail(String normalisedEmail);

    /** See {@link AccountService#rehashPassword}. */
    @Modifying
    @Transactional
    @Query("update User u set u.passwordHash = :hash where u.id = :id")
    int rehashPassword(@Param("id") UUID id, @Param("hash") String hash);
}
