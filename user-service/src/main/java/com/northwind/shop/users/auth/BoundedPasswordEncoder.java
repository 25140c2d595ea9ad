package com.northwind.shop.users.auth;

import com.northwind.shop.platform.problem.DomainException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Lets at most a fixed number of password hashes run at once. Each Argon2id hash takes its memory cost (19 MiB) for
 * its whole run, so a flood of logins or registrations would otherwise take as much heap as it has requests in
 * flight; past the bound a caller waits a little, then gets {@link PasswordHashingBusyException} (answered 503 with
 * {@code Retry-After}) rather than an out-of-memory error for everyone.
 */
public final class BoundedPasswordEncoder implements PasswordEncoder {

    private final PasswordEncoder delegate;
    private final Semaphore permits;
    private final long waitMillis;

    public BoundedPasswordEncoder(PasswordEncoder delegate, int maxConcurrent, Duration maxWait) {
        this.delegate = delegate;
        this.permits = new Semaphore(maxConcurrent, true);
        this.waitMillis = maxWait.toMillis();
    }

    @Override
    public @Nullable String encode(@Nullable CharSequence rawPassword) {
        acquire();
        try {
            return delegate.encode(rawPassword);
        } finally {
            permits.release();
        }
    }

    @Override
    public boolean matches(@Nullable CharSequence rawPassword, @Nullable String encodedPassword) {
        acquire();
        try {
            return delegate.matches(rawPassword, encodedPassword);
        } finally {
            permits.release();
        }
    }

    /** Cheap (parses the stored parameters): needs no permit. */
    @Override
    public boolean upgradeEncoding(@Nullable String encodedPassword) {
        return delegate.upgradeEncoding(encodedPassword);
    }

    private void acquire() {
        try {
            if (!permits.tryAcquire(waitMillis, TimeUnit.MILLISECONDS)) {
                throw new PasswordHashingBusyException();
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new PasswordHashingBusyException();
        }
    }

    /** Every permit stayed taken for the whole wait. */
    public static final class PasswordHashingBusyException extends DomainException {
        PasswordHashingBusyException() {
            super(Kind.UNAVAILABLE, "busy", "Too many password checks in progress; try again shortly.");
        }
    }
}
