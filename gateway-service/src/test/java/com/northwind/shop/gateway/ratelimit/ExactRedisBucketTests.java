package com.northwind.shop.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.northwind.shop.gateway.GatewayProperties;
import com.northwind.shop.platform.test.TestInfrastructure;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.scripting.ScriptSource;
import org.springframework.scripting.support.ResourceScriptSource;

class ExactRedisBucketTests {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final Counter failOpen =
            Counter.builder(RateLimiters.FAIL_OPEN_METRIC).register(meters);

    @Test
    void readsAndHashesItsScriptOnceHoweverManyRequestsItDecides() {
        CountingSource source = new CountingSource();
        TestInfrastructure.Redis redis = TestInfrastructure.get().redis();
        LettuceConnectionFactory factory = connect(redis.host(), redis.port(), Duration.ofSeconds(5));
        try {
            ExactRedisBucket bucket = new ExactRedisBucket(
                    new ReactiveStringRedisTemplate(factory),
                    new RateLimitScript(source),
                    new GatewayProperties.Limit(1, 3),
                    redis.keyPrefix(),
                    failOpen);
            String caller = "ip:" + UUID.randomUUID();

            List<Boolean> allowed = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                Decision decision = bucket.check("auth", caller).block(Duration.ofSeconds(5));
                assertThat(decision).isNotNull();
                allowed.add(decision.allowed());
            }

            // The bucket really is in Redis (3 tokens, then refusals, bar a token earned back on a slow machine), and
            // the script was read and hashed once.
            assertThat(allowed.subList(0, 3)).containsOnly(true);
            assertThat(allowed.subList(3, 10)).contains(false);
            assertThat(source.reads).hasValue(1);
            assertThat(source.modifiedChecks).hasValue(0);
            assertThat(failOpen.count()).isZero();
        } finally {
            factory.destroy();
        }
    }

    @Test
    void letsRequestsThroughAndCountsThemWhenRedisIsDown() throws IOException {
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        LettuceConnectionFactory factory = connect("127.0.0.1", deadPort, Duration.ofMillis(500));
        try {
            ExactRedisBucket bucket = new ExactRedisBucket(
                    new ReactiveStringRedisTemplate(factory),
                    new RateLimitScript(new CountingSource()),
                    new GatewayProperties.Limit(1, 1),
                    "test:",
                    failOpen);

            for (int i = 0; i < 3; i++) {
                Decision decision = bucket.check("auth", "ip:198.51.100.1").block(Duration.ofSeconds(5));
                assertThat(decision).isNotNull();
                assertThat(decision.allowed()).isTrue();
            }
            assertThat(failOpen.count()).isEqualTo(3.0);
        } finally {
            factory.destroy();
        }
    }

    private static LettuceConnectionFactory connect(String host, int port, Duration timeout) {
        LettuceConnectionFactory factory = new LettuceConnectionFactory(
                new RedisStandaloneConfiguration(host, port),
                LettuceClientConfiguration.builder().commandTimeout(timeout).build());
        factory.afterPropertiesSet();
        return factory;
    }

    /** Spring Cloud Gateway's script, counting how often it is read and asked whether it changed. */
    private static final class CountingSource implements ScriptSource {

        final AtomicInteger reads = new AtomicInteger();
        final AtomicInteger modifiedChecks = new AtomicInteger();
        private final ResourceScriptSource delegate =
                new ResourceScriptSource(new ClassPathResource(RateLimitScript.LOCATION));

        @Override
        public String getScriptAsString() throws IOException {
            reads.incrementAndGet();
            return delegate.getScriptAsString();
        }

        @Override
        public boolean isModified() {
            modifiedChecks.incrementAndGet();
            return delegate.isModified();
        }

        @Override
        public String suggestedClassName() {
            return delegate.suggestedClassName();
        }
    }
}
