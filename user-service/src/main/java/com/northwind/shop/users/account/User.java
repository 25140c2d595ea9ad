package com.northwind.shop.users.account;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** An account: the aggregate that owns its credentials, roles and status. */
@Entity
@Table(name = "users")
class User {

    @Id
    private UUID id;

    private String email;

    private String name;

    @Column(name = "password_hash")
    private String passwordHash;

    @Enumerated(EnumType.STRING)
    private UserStatus status;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "user_roles", joinColumns = @JoinColumn(name = "user_id"))
    @Column(name = "role")
    @Enumerated(EnumType.STRING)
    private Set<Role> roles = EnumSet.noneOf(Role.class);

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    @Version
    private @Nullable Long version;

    @SuppressWarnings("NullAway.Init")
    protected User() {}

    private User(UUID id, String email, String name, String passwordHash, Set<Role> roles, Instant now) {
        this.id = id;
        this.email = email;
        this.name = name;
        this.passwordHash = passwordHash;
        this.status = UserStatus.ACTIVE;
        this.roles = EnumSet.copyOf(roles);
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** A new customer account. The email must already be normalised and the password hashed. */
    static User register(String email, String name, String passwordHash, Instant now) {
        return new User(UUID.randomUUID(), email, name, passwordHash, EnumSet.of(Role.CUSTOMER), now);
    }

    /** The administrator configured in the environment. */
    static User bootstrapAdmin(String email, String name, String passwordHash, Instant now) {
        return new User(UUID.randomUUID(), email, name, passwordHash, EnumSet.of(Role.ADMIN, Role.CUSTOMER), now);
    }

    void rename(String newName, Instant now) {
        this.name = newName;
        this.updatedAt = now;
    }

    void changePasswordHash(String newHash, Instant now) {
        this.passwordHash = newHash;
        this.updatedAt = now;
    }

    void assignRoles(Set<Role> newRoles, Instant now) {
        if (newRoles.isEmpty()) {
            throw new IllegalArgumentException("A user needs at least one role");
        }
        this.roles = EnumSet.copyOf(newRoles);
        this.updatedAt = now;
    }

    void disable(Instant now) {
        this.status = UserStatus.DISABLED;
        this.updatedAt = now;
    }

    public boolean isActive() {
        return status == UserStatus.ACTIVE;
    }

    public UUID getId() {
        return id;
    }

    public String getEmail() {
        return email;
    }

    public String getName() {
        return name;
    }

    public String getPasswordHash() {
        return passwordHash;
    }

    public UserStatus getStatus() {
        return status;
    }

    public Set<Role> getRoles() {
        return Set.copyOf(roles);
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
