package com.northwind.shop.users.account;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Registration, profile changes and administration of accounts, and the credentials signing in checks. */
@Service
public class AccountService {

    private final Users users;
    private final PasswordEncoder passwords;
    private final PasswordPolicy policy;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    AccountService(
            Users users,
            PasswordEncoder passwords,
            PasswordPolicy policy,
            ApplicationEventPublisher events,
            Clock clock) {
        this.users = users;
        this.passwords = passwords;
        this.policy = policy;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public UserResponse register(RegisterRequest request) {
        String email = Emails.normalise(request.email());
        checkPassword(request.password(), email, "password");
        if (users.existsByEmail(email)) {
            throw AccountException.emailTaken();
        }
        User user = User.register(email, request.name().trim(), passwords.encode(request.password()), now());
        try {
            users.saveAndFlush(user);
        } catch (DataIntegrityViolationException ex) {
            // Two registrations raced past the check; the unique index decided.
            throw AccountException.emailTaken();
        }
        return UserResponse.from(user);
    }

    @Transactional(readOnly = true)
    public UserResponse get(UUID id) {
        return UserResponse.from(find(id));
    }

    @Transactional
    public UserResponse updateMe(UUID id, UpdateMeRequest request) {
        User user = find(id);
        if (request.name() != null) {
            user.rename(request.name().trim(), now());
        }
        if (request.newPassword() != null) {
            String current = request.currentPassword();
            if (current == null || !passwords.matches(current, user.getPasswordHash())) {
                throw AccountException.wrongCurrentPassword();
            }
            checkPassword(request.newPassword(), user.getEmail(), "newPassword");
            user.changePasswordHash(passwords.encode(request.newPassword()), now());
            events.publishEvent(new CredentialsChanged(user.getId()));
        }
        return UserResponse.from(users.saveAndFlush(user));
    }

    @Transactional(readOnly = true)
    public Page<UserResponse> list(Pageable pageable) {
        return users.findAll(pageable).map(UserResponse::from);
    }

    @Transactional
    public UserResponse assignRoles(UUID id, Set<Role> roles, UUID actingAdmin) {
        User user = find(id);
        if (id.equals(actingAdmin) && !roles.contains(Role.ADMIN)) {
            throw AccountException.lastAdmin("Administrators cannot remove their own admin role.");
        }
        user.assignRoles(roles, now());
        return UserResponse.from(users.saveAndFlush(user));
    }

    @Transactional
    public UserResponse disable(UUID id, UUID actingAdmin) {
        if (id.equals(actingAdmin)) {
            throw AccountException.lastAdmin("Administrators cannot disable themselves.");
        }
        User user = find(id);
        user.disable(now());
        events.publishEvent(new CredentialsChanged(user.getId()));
        return UserResponse.from(users.saveAndFlush(user));
    }

    /** Creates the configured administrator unless an account with that email exists. */
    @Transactional
    public boolean ensureAdmin(String rawEmail, String password, String name) {
        String email = Emails.normalise(rawEmail);
        if (users.existsByEmail(email)) {
            return false;
        }
        checkPassword(password, email, "password");
        users.saveAndFlush(User.bootstrapAdmin(email, name, passwords.encode(password), now()));
        return true;
    }

    /** The credentials of the account with this email (normalised), if there is one. */
    @Transactional(readOnly = true)
    public Optional<Credentials> credentialsByEmail(String normalisedEmail) {
        return users.findByEmail(normalisedEmail).map(Credentials::of);
    }

    /** The credentials of the account with this id, if there is one. */
    @Transactional(readOnly = true)
    public Optional<Credentials> credentialsById(UUID id) {
        return users.findById(id).map(Credentials::of);
    }

    /**
     * Replaces a hash by a stronger one of the same password (a login found it made with older parameters). Not a
     * password change: sessions stay, and nothing else of the account is touched.
     */
    public void rehashPassword(UUID id, String hash) {
        users.rehashPassword(id, hash);
    }

    private void checkPassword(String password, String email, String field) {
        policy.violation(password, email).ifPresent(reason -> {
            throw AccountException.weakPassword(field, reason);
        });
    }

    private User find(UUID id) {
        return users.findById(id).orElseThrow(AccountException::notFound);
    }

    private Instant now() {
        return clock.instant();
    }
}
