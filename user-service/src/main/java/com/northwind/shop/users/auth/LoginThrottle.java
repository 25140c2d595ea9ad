package com.northwind.shop.users.auth;

import com.northwind.shop.users.config.UsersProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Counts failed logins per account and per client IP in Redis (so every instance sees the same counts). A counter
 * lives for the window from its first failure; once it reaches the limit, logins for that account or from that IP are
 * refused until it expires. Emails are hashed in keys so that Redis holds no address book.
 *
 * <p>Redis down or slow fails open: logins go on unthrottled (counted in {@code northwind.users.login.throttle.unavailable}
 * and logged) rather than every login failing; the platform's short Redis timeouts bound the cost.
 */
@Component
class LoginThrottle {

    /** INCR and set the window on the first failure only, atomically. */
    private static final RedisScript<Long> RECORD = RedisScript.of("""
            local count = redis.call('INCR', KEYS[1])
            if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
            return count""", Long.class);

    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

    private final StringRedisTemplate redis;
    private final UsersProperties.Login settings;
    private final String prefix;
    private final Counter unavailable;

    LoginThrottle(StringRedisTemplate redis, UsersProperties properties, MeterRegistry meters) {
        this.redis = redis;
        this.settings = properties.login();
        this.prefix = properties.redisKeyPrefix() + "login-failures:";
        this.unavailable = meters.counter("northwind.users.login.throttle.unavailable");
    }

    /** How long to wait if the account or the IP is blocked now; nothing is blocked while Redis is unreachable. */
    Optional<Duration> blocked(String email, String ip) {
        try {
            return blocked(accountKey(email), settings.maxFailuresPerAccount())
                    .or(() -> blocked(ipKey(ip), settings.maxFailuresPerIp()));
        } catch (DataAccessException ex) {
            failOpen(ex);
            return Optional.empty();
        }
    }

    void recordFailure(String email, String ip) {
        String window = Long.toString(settings.window().toMillis());
        try {
            redis.execute(RECORD, List.of(accountKey(email)), window);
            redis.execute(RECORD, List.of(ipKey(ip)), window);
        } catch (DataAccessException ex) {
            failOpen(ex);
        }
    }

    /** A successful login clears the account's failures (not the IP's: one good password does not vouch for it). */
    void recordSuccess(String email) {
        try {
            redis.delete(accountKey(email));
        } catch (DataAccessException ex) {
            failOpen(ex);
        }
    }

    private void failOpen(DataAccessException ex) {
        unavailable.increment();
        log.warn("Login throttling skipped: Redis unavailable ({})", ex.getMessage());
    }

    private Optional<Duration> blocked(String key, int limit) {
        String count = redis.opsForValue().get(key);
        if (count == null || Long.parseLong(count) < limit) {
            return Optional.empty();
        }
        Long ttl = redis.getExpire(key, TimeUnit.MILLISECONDS);
        long seconds = ttl == null || ttl <= 0 ? 1 : (ttl + 999) / 1000;
        return Optional.of(Duration.ofSeconds(seconds));
    }

    private String accountKey(String email) {
        return prefix + "account:" + sha256(email);
    }

    private String ipKey(String ip) {
        return prefix + "ip:" + ip;
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
