package com.northwind.shop.users.auth;

import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes refresh tokens a day after they expired, so the table holds live sessions only. Idempotent, so every instance
 * may run it without coordination.
 */
@Component
class RefreshTokenPurge {

    private static final Logger log = LoggerFactory.getLogger(RefreshTokenPurge.class);

    /** Expired tokens are kept this long, so that a late replay still meets "revoked" rather than "unknown". */
    static final Duration GRACE = Duration.ofDays(1);

    private final RefreshTokens tokens;
    private final Clock clock;

    RefreshTokenPurge(RefreshTokens tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "PT5M", fixedDelayString = "PT1H")
    int purge() {
        int deleted = tokens.deleteExpiredBefore(clock.instant().minus(GRACE));
        if (deleted > 0) {
            log.info("Deleted {} expired refresh tokens", deleted);
        }
        return deleted;
    }
}
