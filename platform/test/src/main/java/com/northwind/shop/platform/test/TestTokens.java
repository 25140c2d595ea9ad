package com.northwind.shop.platform.test;

import com.sun.net.httpserver.HttpServer;
import io.jsonwebtoken.JwtBuilder;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Jwks;
import io.jsonwebtoken.security.Keys;
import io.jsonwebtoken.security.RsaPublicJwk;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A stand-in for user-service in other services' tests: an RSA key whose public half is served as a real JWKS over
 * HTTP on a random loopback port, and tokens signed with it, good ones and deliberately bad ones.
 * {@link RealInfrastructure} points {@code northwind.security.jwt.jwks-uri} at {@link #get() the shared instance}, so
 * a {@code @SpringBootTest} only has to send {@code "Bearer " + TestTokens.get().accessToken(userId, "CUSTOMER")}.
 *
 * <p>Claims follow user-service: {@code iss} {@value #ISSUER}, {@code aud} {@value #AUDIENCE} for access tokens and
 * the called service's name for service tokens, {@code sub} the user id or client id,
 * {@code roles}, {@code scope}, {@code token_type} ({@code access}/{@code service}), {@code jti}, {@code iat},
 * {@code nbf}, {@code exp}.
 */
public final class TestTokens {

    /** Issuer and audience of test tokens: the platform's defaults. */
    public static final String ISSUER = "northwind-shop";

    public static final String AUDIENCE = "northwind-shop";

    private static volatile @Nullable TestTokens shared;

    private final HttpServer server;
    private final AtomicInteger jwksRequests = new AtomicInteger();
    private final List<RsaPublicJwk> published = new CopyOnWriteArrayList<>();
    private final KeyPair attacker = Jwts.SIG.RS256.keyPair().build();
    private final String attackerJwks;
    private volatile KeyPair current;
    private volatile String kid;

    private TestTokens() {
        this(Jwts.SIG.RS256.keyPair().build(), "test-" + UUID.randomUUID());
    }

    private TestTokens(KeyPair keyPair, String keyId) {
        current = keyPair;
        kid = keyId;
        published.add(jwk(current, kid));
        attackerJwks = "{\"keys\":[" + Jwks.json(jwk(attacker, "attacker")) + "]}";
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        server.createContext("/.well-known/jwks.json", exchange -> {
            jwksRequests.incrementAndGet();
            respond(exchange, jwksJson());
        });
        server.createContext("/attacker/jwks.json", exchange -> respond(exchange, attackerJwks));
        server.setExecutor(Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "test-jwks");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
    }

    /** The instance {@link RealInfrastructure} tests verify against; started on first use, lives for the JVM. */
    public static TestTokens get() {
        TestTokens instance = shared;
        if (instance == null) {
            synchronized (TestTokens.class) {
                instance = shared;
                if (instance == null) {
                    instance = new TestTokens();
                    shared = instance;
                }
            }
        }
        return instance;
    }

    /** A separate issuer with its own key and server, for tests that rotate keys or count JWKS fetches. */
    public static TestTokens create() {
        return new TestTokens();
    }

    /**
     * An issuer that signs with a given key, e.g. the signing key user-service's own tests configure, so that good and
     * bad tokens reach that service's verification with a key it trusts.
     */
    public static TestTokens forKey(KeyPair keyPair, String kid) {
        return new TestTokens(keyPair, kid);
    }

    /** Where the JWKS is served. */
    public URI jwksUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json");
    }

    /** The {@code kid} of the key that signs now. */
    public String kid() {
        return kid;
    }

    /** How often the JWKS has been fetched. */
    public int jwksRequests() {
        return jwksRequests.get();
    }

    /** Signs with a new key from now on; the old public key stays published, as in a real rotation. */
    public synchronized String rotateKey() {
        current = Jwts.SIG.RS256.keyPair().build();
        kid = "test-" + UUID.randomUUID();
        published.add(jwk(current, kid));
        return kid;
    }

    /** Stops publishing the key with this {@code kid}, as when a compromised key is withdrawn from the JWKS. */
    public void withdrawKey(String withdrawn) {
        published.removeIf(jwk -> withdrawn.equals(jwk.getId()));
    }

    /** A valid access token for a user with the given roles ({@code CUSTOMER}, {@code ADMIN}). */
    public String accessToken(UUID userId, String... roles) {
        return sign(accessClaims(userId, roles));
    }

    /**
     * A valid service token (scope {@code internal}) for a service client such as {@code order-service}, for calls to
     * one service: its {@code aud} is that service's name, e.g. {@code product-service}, as user-service issues them.
     */
    public String serviceToken(String clientId, String audience) {
        return sign(serviceClaims(clientId, audience));
    }

    /** The claims of a valid service token, not yet signed: change what a test needs, then {@link #sign}. */
    public JwtBuilder serviceClaims(String clientId, String audience) {
        Instant now = Instant.now();
        return Jwts.builder()
                .header()
                .type("service+jwt")
                .and()
                .issuer(ISSUER)
                .audience()
                .add(audience)
                .and()
                .subject(clientId)
                .claim("scope", "internal")
                .claim("token_type", "service")
                .id(UUID.randomUUID().toString())
                .issuedAt(Date.from(now))
                .notBefore(Date.from(now))
                .expiration(Date.from(now.plus(Duration.ofMinutes(5))));
    }

    /**
     * The claims of a valid access token, not yet signed: change what a test needs, then {@link #sign(JwtBuilder)}.
     */
    public JwtBuilder accessClaims(UUID userId, String... roles) {
        Instant now = Instant.now();
        return Jwts.builder()
                .header()
                .type("at+jwt")
                .and()
                .issuer(ISSUER)
                .audience()
                .add(AUDIENCE)
                .and()
                .subject(userId.toString())
                .claim("roles", List.of(roles))
                .claim("token_type", "access")
                .id(UUID.randomUUID().toString())
                .issuedAt(Date.from(now))
                .notBefore(Date.from(now))
                .expiration(Date.from(now.plus(Duration.ofMinutes(15))));
    }

    /** Signs with the current key, RS256, {@code kid} in the header. */
    public String sign(JwtBuilder builder) {
        return builder.header()
                .keyId(kid)
                .and()
                .signWith(current.getPrivate(), Jwts.SIG.RS256)
                .compact();
    }

    /** A token that a correct verifier must refuse, for a user with role {@code CUSTOMER}. */
    public String bad(BadToken kind, UUID userId) {
        return kind.mint.apply(new Context(this, userId));
    }

    private String jwksJson() {
        List<String> keys = new ArrayList<>();
        published.forEach(jwk -> keys.add(Jwks.json(jwk)));
        return "{\"keys\":[" + String.join(",", keys) + "]}";
    }

    private static RsaPublicJwk jwk(KeyPair pair, String kid) {
        return Jwks.builder()
                .key((RSAPublicKey) pair.getPublic())
                .id(kid)
                .algorithm("RS256")
                .publicKeyUse("sig")
                .build();
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private record Context(TestTokens tokens, UUID userId) {

        JwtBuilder claims() {
            return tokens.accessClaims(userId, "CUSTOMER");
        }
    }

    /** Ways a token can be wrong; each must be answered 401. */
    public enum BadToken {
        /** {@code alg: none}, no signature. */
        ALG_NONE(c -> c.claims().header().keyId(c.tokens.kid).and().compact()),
        /** HS256 with the RSA public key as the HMAC secret (the classic algorithm-confusion attack). */
        HS256_WITH_PUBLIC_KEY(c -> c.claims()
                .header()
                .keyId(c.tokens.kid)
                .and()
                .signWith(Keys.hmacShaKeyFor(c.tokens.current.getPublic().getEncoded()), Jwts.SIG.HS256)
                .compact()),
        /** Signed by a key that is not in the JWKS, under a {@code kid} that is not either. */
        UNKNOWN_KID(c -> c.claims()
                .header()
                .keyId("unknown-" + UUID.randomUUID())
                .and()
                .signWith(c.tokens.attacker.getPrivate(), Jwts.SIG.RS256)
                .compact()),
        /** Signed by another key under the real {@code kid}. */
        WRONG_KEY(c -> c.claims()
                .header()
                .keyId(c.tokens.kid)
                .and()
                .signWith(c.tokens.attacker.getPrivate(), Jwts.SIG.RS256)
                .compact()),
        /** A valid token whose payload was changed afterwards (role raised to ADMIN). */
        TAMPERED_PAYLOAD(c -> {
            String[] parts = c.tokens.sign(c.claims()).split("\\.");
            String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                    .replace("\"CUSTOMER\"", "\"ADMIN\"");
            return parts[0] + "."
                    + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8))
                    + "." + parts[2];
        }),
        /** Expired two minutes ago, beyond any allowed clock skew. */
        EXPIRED(c -> c.tokens.sign(c.claims()
                .issuedAt(Date.from(Instant.now().minus(Duration.ofMinutes(20))))
                .notBefore(Date.from(Instant.now().minus(Duration.ofMinutes(20))))
                .expiration(Date.from(Instant.now().minus(Duration.ofMinutes(2)))))),
        /** Valid only from two minutes from now. */
        NOT_YET_VALID(c ->
                c.tokens.sign(c.claims().notBefore(Date.from(Instant.now().plus(Duration.ofMinutes(2)))))),
        /** No {@code exp} at all. */
        NO_EXPIRY(c -> c.tokens.sign(c.claims().expiration(null))),
        /** Another issuer. */
        WRONG_ISSUER(c -> c.tokens.sign(c.claims().issuer("https://evil.example"))),
        /** Another audience. */
        WRONG_AUDIENCE(c -> c.tokens.sign(c.claims().audience().single("another-api"))),
        /** No audience. */
        NO_AUDIENCE(c -> c.tokens.sign(c.claims().audience().clear().and())),
        /** A refresh-type token presented as an access token. */
        REFRESH_TYPE(c -> c.tokens.sign(c.claims().claim("token_type", "refresh"))),
        /** No token type at all. */
        NO_TYPE(c -> c.tokens.sign(c.claims().claim("token_type", null))),
        /** The generic {@code typ: JWT} instead of {@code at+jwt}. */
        GENERIC_HEADER_TYPE(c -> c.tokens.sign(c.claims().header().type("JWT").and())),
        /** A service token's {@code typ} on access-token claims. */
        SERVICE_HEADER_TYPE(
                c -> c.tokens.sign(c.claims().header().type("service+jwt").and())),
        /** No {@code iat}. */
        NO_ISSUED_AT(c -> c.tokens.sign(c.claims().issuedAt(null))),
        /** Issued two minutes from now, beyond any allowed clock skew. */
        ISSUED_IN_THE_FUTURE(c ->
                c.tokens.sign(c.claims().issuedAt(Date.from(Instant.now().plus(Duration.ofMinutes(2)))))),
        /** No {@code nbf}. */
        NO_NOT_BEFORE(c -> c.tokens.sign(c.claims().notBefore(null))),
        /**
         * Signed by the attacker, who points {@code jku} at a JWKS holding their own key (served, so that a verifier
         * that followed it would accept the token).
         */
        JKU_HEADER(c -> c.claims()
                .header()
                .keyId("attacker")
                .jwkSetUrl(URI.create(
                        "http://127.0.0.1:" + c.tokens.server.getAddress().getPort() + "/attacker/jwks.json"))
                .and()
                .signWith(c.tokens.attacker.getPrivate(), Jwts.SIG.RS256)
                .compact()),
        /** Signed by the attacker, who embeds their public key in the {@code jwk} header. */
        EMBEDDED_JWK(c -> c.claims()
                .header()
                .keyId("attacker")
                .jwk(jwk(c.tokens.attacker, "attacker"))
                .and()
                .signWith(c.tokens.attacker.getPrivate(), Jwts.SIG.RS256)
                .compact()),
        /** Not a JWT. */
        GARBAGE(c -> "not-a-jwt");

        private final Function<Context, String> mint;

        BadToken(Function<Context, String> mint) {
            this.mint = mint;
        }
    }
}
