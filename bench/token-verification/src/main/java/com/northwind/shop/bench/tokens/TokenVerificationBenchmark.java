package com.northwind.shop.bench.tokens;

import com.northwind.shop.platform.security.JwksVerificationKeys;
import com.northwind.shop.platform.security.JwtProperties;
import com.northwind.shop.platform.security.JwtVerifier;
import com.northwind.shop.platform.security.TokenPrincipal;
import com.northwind.shop.platform.test.TestTokens;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The platform's {@link JwtVerifier} on a token it must verify (jjwt parse and RS256 signature: a different token on
 * every call, more than the verifier remembers) and on one it remembers (the same token again, as every request of a
 * customer or a calling service brings). Single-threaded, average time per call.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TokenVerificationBenchmark {

    private static final int DISTINCT = 2_000;

    private JwtVerifier verifier;
    private String[] tokens;
    private String remembered;
    private int next;

    @Setup
    public void setUp() {
        TestTokens issuer = TestTokens.get();
        JwtProperties properties = JwtProperties.defaults().withJwksUri(issuer.jwksUri());
        // Room for far fewer tokens than are cycled through: every call of verify() is a miss.
        verifier = new JwtVerifier(properties, new JwksVerificationKeys(properties), Clock.systemUTC(), 100);
        tokens = new String[DISTINCT];
        for (int i = 0; i < DISTINCT; i++) {
            tokens[i] = issuer.accessToken(UUID.randomUUID(), "CUSTOMER");
        }
        remembered = issuer.accessToken(UUID.randomUUID(), "CUSTOMER");
    }

    @Benchmark
    public TokenPrincipal verify() {
        next = (next + 1) % DISTINCT;
        return verifier.verifyAccessToken(tokens[next]);
    }

    @Benchmark
    public TokenPrincipal remembered() {
        return verifier.verifyAccessToken(remembered);
    }
}
