package com.northwind.shop.users.auth;

import com.northwind.shop.platform.RedisKeyProperties;
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
 * <p>Every attempt is counted <em>before</em> its password is checked ({@link #attempt}, one atomic script): checking
 * first and counting after the (slow) hash let a burst of parallel guesses all pass the check before any was
 * counted. A successful login gives its reservation back ({@link #recordSuccess}), so only failures stay counted.
 *
 * <p>Redis down or slow fails open: logins go on unthrottled (counted in {@code northwind.users.login.throttle.unavailable}
 * and logged) rather than every login failing; the platform's short Redis timeouts bound the cost.
 */
@Component
class LoginThrottle {

    /**
     * Counts the attempt on both keys (starting the window on the first) and answers 0 if both are within their
     * limits, else the milliseconds until the later blocking counter expires.
     */
    private static final RedisScript<Long> ATTEMPT = RedisScript.of("""
            local wait = 0
            for i = 1, 2 do
              local count = redis.call('INCR', KEYS[i])
              if count == 1 then redis.call('PEXPIRE', KEYS[i], ARGV[3]) end
              if count > tonumber(ARGV[i]) then
                local ttl = redis.call('PTTL', KEYS[i])
                if ttl < 1 then ttl = 1 end
                if ttl > wait then wait = ttl end
              end
            end
            return wait""", Long.class);

    /** Gives a successful attempt's reservation back: the account starts afresh, the IP keeps only failures. */
    private static final RedisScript<Long> SUCCESS = RedisScript.of("""
            redis.call('DEL', KEYS[1])
            local count = tonumber(redis.call('GET', KEYS[2]) or '0')
            if count > 0 then redis.call('DECR', KEYS[2]) end
            return 0""", Long.class);

    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

    private final StringRedisTemplate redis;
    private final UsersProperties.Login settings;
    private final String prefix;
    private final Counter unavailable;

    LoginThrottle(
            StringRedisTemplate redis, UsersProperties properties, RedisKeyProperties keys, MeterRegistry meters) {
        this.redis = redis;
        this.settings = properties.login();
        this.prefix = keys.keyPrefix() + "users:login-failures:";
        this.unavailable = meters.counter("northwind.users.login.throttle.unavailable");
    }

    /**
     * Counts one attempt for the account and the IP; how long to wait if either is over its limit (the attempt must
     * then not be verified). Nothing is blocked while Redis is unreachable.
     */
    Optional<Duration> attempt(String email, String ip) {
        return attempt(accountKey(email), settings.maxFailuresPerAccount(), ipKey(ip), settings.maxFailuresPerIp());
    }

    /** The same for a service client's secret: its id stands for the account. */
    Optional<Duration> attemptClient(String clientId, String ip) {
        return attempt(
                prefix + "client:" + sha256(clientId),
                settings.maxFailuresPerAccount(),
                ipKey(ip),
                settings.maxFailuresPerIp());
    }

    private Optional<Duration> attempt(String firstKey, int firstLimit, String secondKey, int secondLimit) {
        try {
            Long wait = redis.execute(
                    ATTEMPT,
                    List.of(firstKey, secondKey),
                    Integer.toString(firstLimit),
                    Integer.toString(secondLimit),
                    Long.toString(settings.window().toMillis()));
            if (wait == null || wait <= 0) {
                return Optional.empty();
            }
            return Optional.of(Duration.ofSeconds((wait + 999) / 1000));
        } catch (DataAccessException ex) {
            failOpen(ex);
            return Optional.empty();
        }
    }

    /** A successful login clears the account's failures (not the IP's: one good password does not vouch for it). */
    void recordSuccess(String email, String ip) {
        release(accountKey(email), ip);
    }

    void recordClientSuccess(String clientId, String ip) {
        release(prefix + "client:" + sha256(clientId), ip);
    }

    private void release(String key, String ip) {
        try {
            redis.execute(SUCCESS, List.of(key, ipKey(ip)));
        } catch (DataAccessException ex) {
            failOpen(ex);
        }
    }

    private void failOpen(DataAccessException ex) {
        unavailable.increment();
        log.warn("Login throttling skipped: Redis unavailable ({})", ex.getMessage());
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
