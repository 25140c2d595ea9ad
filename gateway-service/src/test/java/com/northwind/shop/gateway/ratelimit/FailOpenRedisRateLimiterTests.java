package com.northwind.shop.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.northwind.shop.gateway.GatewayProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.scripting.support.ResourceScriptSource;

class FailOpenRedisRateLimiterTests {

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void letsRequestsThroughAndCountsThemWhenRedisIsDown() throws Exception {
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        LettuceConnectionFactory factory = new LettuceConnectionFactory(
                new RedisStandaloneConfiguration("127.0.0.1", deadPort),
                LettuceClientConfiguration.builder()
                        .commandTimeout(Duration.ofMillis(500))
                        .build());
        factory.afterPropertiesSet();
        DefaultRedisScript script = new DefaultRedisScript<>();
        script.setScriptSource(
                new ResourceScriptSource(new ClassPathResource("META-INF/scripts/request_rate_limiter.lua")));
        script.setResultType(List.class);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        Counter failOpen = Counter.builder(RateLimiters.FAIL_OPEN_METRIC).register(meters);
        try {
            FailOpenRedisRateLimiter limiter = new FailOpenRedisRateLimiter(
                    new ReactiveStringRedisTemplate(factory),
                    (RedisScript<List<Long>>) script,
                    new GatewayProperties.Limit(1, 1),
                    "test:",
                    failOpen);

            for (int i = 0; i < 3; i++) {
                RateLimiter.Response response =
                        limiter.isAllowed("auth", "ip:198.51.100.1").block(Duration.ofSeconds(5));
                assertThat(response).isNotNull();
                assertThat(response.isAllowed()).isTrue();
            }
            assertThat(meters.get(RateLimiters.FAIL_OPEN_METRIC).counter().count())
                    .isEqualTo(3.0);
        } finally {
            factory.destroy();
        }
    }
}
