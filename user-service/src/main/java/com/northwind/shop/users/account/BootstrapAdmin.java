package com.northwind.shop.users.account;

import com.northwind.shop.users.config.UsersProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Creates the administrator named in the environment ({@code BOOTSTRAP_ADMIN_EMAIL}, {@code BOOTSTRAP_ADMIN_PASSWORD})
 * if no account has that email. It is the only way to an admin account other than an existing admin granting it.
 */
@Component
class BootstrapAdmin implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(BootstrapAdmin.class);

    private final AccountService accounts;
    private final UsersProperties properties;

    BootstrapAdmin(AccountService accounts, UsersProperties properties) {
        this.accounts = accounts;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        UsersProperties.BootstrapAdmin admin = properties.bootstrapAdmin();
        if (admin == null || admin.email() == null || admin.email().isBlank()) {
            return;
        }
        if (admin.password() == null || admin.password().isBlank()) {
            throw new IllegalStateException("BOOTSTRAP_ADMIN_PASSWORD must be set with BOOTSTRAP_ADMIN_EMAIL");
        }
        String name = admin.name() == null || admin.name().isBlank() ? "Administrator" : admin.name();
        if (accounts.ensureAdmin(admin.email(), admin.password(), name)) {
            log.info("Created the bootstrap administrator account");
        }
    }
}
