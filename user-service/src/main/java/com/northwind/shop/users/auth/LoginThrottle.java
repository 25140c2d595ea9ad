package com.northwind.shop.users.auth;

import com.northwind.shop.users.config.UsersProperties;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Counts failed logins per account and per client IP in Redis (so every instance sees the same counts). A counter
 * lives for the window from its first failure; once it reaches the limit, logins for that account or from that IP are
 * refused until it expires. Emails are hashed in keys so that Redis holds no address book.
 */
@Component
class LoginThrottle {

    /** INCR and set the window on the first failure only, atomically. */
    private static final RedisScript<Long> RECORD = RedisScript.of("""
            local count = redis.call('INCR', KEYS[1])
            if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
            return count""", Long.class);

    private final StringRedisTemplate redis;
    private final UsersProperties.Login settings;
    private final String prefix;

    LoginThrottle(StringRedisTemplate redis, UsersProperties properties) {
        this.redis = redis;
        this.settings = properties.login();
        this.prefix = properties.redisKeyPrefix() + "login-failures:";
    }

    /** How long to wait if the account or the IP is blocked now. */
    Optional<Duration> blocked(String email, String ip) {
        return blocked(accountKey(email), settings.maxFailuresPerAccount())
                .or(() -> blocked(ipKey(ip), settings.maxFailuresPerIp()));
    }

    void recordFailure(String email, String ip) {
        String window = Long.toString(settings.window().toMillis());
        redis.execute(RECORD, List.of(accountKey(email)), window);
        redis.execute(RECORD, List.of(ipKey(ip)), window);
    }

    /** A successful login clears the account's failures (not the IP's: one good password does not vouch for it). */
    void recordSuccess(String email) {
        redis.delete(accountKey(email));
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
