package com.northwind.shop.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import io.jsonwebtoken.Jwts;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What an attacker (or a careless client) tries, through the gateway: every attempt gets a clean 4xx or nothing. */
@SystemTest
class HostileJourneyTests {

    private static Shop shop;
    private static Catalog catalog;
    private static Database database;
    private static Customer customer;

    @BeforeAll
    static void connect() {
        shop = SystemStack.shop();
        catalog = new Catalog(shop);
        database = new Database(SystemStack.stack().database());
        customer = Customer.signUp(shop);
    }

    /** An access token as user-service would sign it, changed by {@code doctor}. */
    private static String token(java.security.PrivateKey key, Instant issued, Duration ttl) {
        return Jwts.builder()
                .header()
                .keyId(SystemStack.SIGNING_KEY_ID)
                .type("at+jwt")
                .and()
                .issuer("northwind-shop")
                .audience()
                .add("northwind-shop")
                .and()
                .subject(customer.id().toString())
                .claim("token_type", "access")
                .claim("roles", List.of("CUSTOMER", "ADMIN"))
                .id(UUID.randomUUID().toString())
                .issuedAt(Date.from(issued))
                .notBefore(Date.from(issued))
                .expiration(Date.from(issued.plus(ttl)))
                .signWith(key, Jwts.SIG.RS256)
                .compact();
    }

    private static void assertUnauthorized(Shop.Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(401);
        assertThat(reply.contentType()).startsWith("application/problem+json");
    }

    @Test
    void theSigningKeyWorksSoTheRefusalsBelowAreAboutWhatWasDoctored() {
        var now = token(SystemStack.running().signingKey().getPrivate(), Instant.now(), Duration.ofMinutes(5));

        shop.get("/api/users/me").token(now).send().expect(200);
    }

    @Test
    void anExpiredTokenSignedWithTheRealKeyIsRefused() {
        var expired = token(
                SystemStack.running().signingKey().getPrivate(),
                Instant.now().minus(Duration.ofHours(1)),
                Duration.ofMinutes(15));

        assertUnauthorized(shop.get("/api/users/me").token(expired).send());
        assertUnauthorized(shop.get("/api/orders").token(expired).send());
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefused() throws Exception {
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        var forged = token(generator.generateKeyPair().getPrivate(), Instant.now(), Duration.ofMinutes(5));

        assertUnauthorized(shop.get("/api/users/me").token(forged).send());
        assertUnauthorized(shop.get("/api/orders").token(forged).send());
        assertUnauthorized(shop.get("/api/users").token(forged).send());
    }

    @Test
    void anUnsignedTokenAndATamperedPayloadAreRefused() {
        String real = customer.accessToken();
        String[] parts = real.split("\\.");
        String unsigned = parts[0] + "." + parts[1] + ".";
        String adminPayload = java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(new String(java.util.Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                        .replace("\"CUSTOMER\"", "\"ADMIN\"")
                        .getBytes(StandardCharsets.UTF_8));
        String tampered = parts[0] + "." + adminPayload + "." + parts[2];

        assertUnauthorized(shop.get("/api/users/me").token(unsigned).send());
        assertUnauthorized(shop.get("/api/users").token(tampered).send());
        assertUnauthorized(shop.get("/api/users/me").token("not-a-jwt").send());
    }

    @Test
    void anotherUsersOrderDoesNotExistForMe() {
        var product = catalog.newProduct("Kettle " + Catalog.uniqueWord(), 2500, 3);
        var productId = UUID.fromString(product.get("id").asString());
        var owner = Customer.signUp(shop);
        var orderId = owner.order(productId, 1).expect(201).json().get("id").asString();

        var peek = customer.get("/api/orders/" + orderId).send();
        var cancel = customer.post("/api/orders/" + orderId + "/cancel").send();

        assertThat(peek.status()).isEqualTo(404);
        assertThat(peek.contentType()).startsWith("application/problem+json");
        assertThat(cancel.status()).isEqualTo(404);
        assertThat(owner.statusOf(UUID.fromString(orderId))).isEqualTo("AWAITING_PAYMENT");
    }

    @Test
    void aCustomerOnAdminRoutesIsForbidden() {
        var product = catalog.newProduct("Ladder " + Catalog.uniqueWord(), 8000, 2);
        var ownOrder = customer.order(UUID.fromString(product.get("id").asString()), 1)
                .expect(201)
                .json()
                .get("id")
                .asString();
        var forbidden = List.of(
                customer.get("/api/users").send(),
                customer.get("/api/users/" + customer.id()).send(),
                customer.post("/api/orders/" + ownOrder + "/ship").send(),
                customer.post("/api/products")
                        .json(Map.of("sku", "HACK-1", "name", "Free stuff"))
                        .send(),
                customer.post("/api/products/" + UUID.randomUUID() + "/stock-adjustments")
                        .json(Map.of("delta", 1000))
                        .send());

        assertThat(forbidden).allSatisfy(reply -> {
            assertThat(reply.status()).as(reply.toString()).isEqualTo(403);
            assertThat(reply.contentType()).startsWith("application/problem+json");
        });
    }

    @Test
    void aPriceSentWithAnOrderIsIgnored() {
        var product = catalog.newProduct("Teapot " + Catalog.uniqueWord(), 4200, 5);
        var productId = UUID.fromString(product.get("id").asString());

        var reply = customer.post("/api/orders")
                .idempotent()
                .json(Map.of(
                        "items",
                        List.of(Map.of(
                                "productId",
                                productId,
                                "quantity",
                                2,
                                "unitPrice",
                                Map.of("amount", 1, "currency", "EUR"),
                                "price",
                                1)),
                        "total",
                        Map.of("amount", 2, "currency", "EUR")))
                .send();

        // Either refused outright or priced by the catalog; never at the client's price.
        if (reply.status() == 201) {
            var order = reply.json();
            assertThat(order.get("total").get("amount").asLong()).isEqualTo(8400);
            assertThat(order.get("items").get(0).get("unitPrice").get("amount").asLong())
                    .isEqualTo(4200);
        } else {
            assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        }
    }

    @Test
    void registeringWithRolesOrAnIdIsRefused() {
        String email = "sys-" + UUID.randomUUID() + "@example.com";
        var withRoles = shop.post("/api/auth/register")
                .json(Map.of(
                        "email", email, "password", Customer.PASSWORD, "name", "Mallory", "roles", List.of("ADMIN")))
                .send();
        var withId = shop.post("/api/auth/register")
                .json(Map.of("email", email, "password", Customer.PASSWORD, "name", "Mallory", "id", UUID.randomUUID()))
                .send();

        assertThat(withRoles.status()).as(withRoles.toString()).isEqualTo(400);
        assertThat(withRoles.contentType()).startsWith("application/problem+json");
        assertThat(withId.status()).as(withId.toString()).isEqualTo(400);
        // Nothing was created: the address is still free.
        shop.post("/api/auth/register")
                .json(Map.of("email", email, "password", Customer.PASSWORD, "name", "Mallory"))
                .send()
                .expect(201);
        var mallory = Customer.logIn(shop, email, Customer.PASSWORD);
        assertThat(mallory.get("/api/users/me").send().json().get("roles").toString())
                .doesNotContain("ADMIN");
    }

    @Test
    void aHugePageSizeIsRefused() {
        var products = shop.get("/api/products?size=100000").send();
        var orders = customer.get("/api/orders?size=100000").send();

        assertThat(products.status()).isEqualTo(400);
        assertThat(products.contentType()).startsWith("application/problem+json");
        // order-service caps the size instead of refusing it: either way no huge page is served.
        if (orders.status() == 200) {
            assertThat(orders.json().get("page").get("size").asInt()).isLessThanOrEqualTo(100);
        } else {
            assertThat(orders.status()).as(orders.toString()).isEqualTo(400);
            assertThat(orders.contentType()).startsWith("application/problem+json");
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "' OR '1'='1",
                "'; DROP TABLE catalog.products; --",
                "\" OR 1=1 --",
                "1) UNION SELECT email, password_hash FROM users.users --",
                "%' AND pg_sleep(5) --",
                "!:*&|<->()\\"
            })
    void sqlInjectionShapedSearchesAreJustSearches(String search) {
        String q = URLEncoder.encode(search, StandardCharsets.UTF_8);

        var byWords = shop.get("/api/products?q=" + q).send();
        var byCategory = shop.get("/api/products?category=" + q).send();

        assertThat(byWords.status()).as(byWords.toString()).isEqualTo(200);
        assertThat(byWords.json().get("content").toString()).doesNotContain("password");
        assertThat(byCategory.status()).as(byCategory.toString()).isEqualTo(200);
        assertThat(byCategory.json().get("content").size()).isZero();
        assertThat(database.productsTableExists()).isTrue();
    }

    @Test
    void malformedJsonIsA400ProblemEverywhere() {
        var replies = List.of(
                shop.post("/api/auth/login").raw("{\"email\": ").send(),
                shop.post("/api/auth/register").raw("[1, 2").send(),
                customer.post("/api/orders").idempotent().raw("{items: nope}").send(),
                customer.put("/api/cart/items/" + UUID.randomUUID())
                        .raw("{\"quantity\": }")
                        .send(),
                catalog.admin().post("/api/products").raw("{\"sku\": \"X\",").send());

        assertThat(replies).allSatisfy(reply -> {
            assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
            assertThat(reply.contentType()).as(reply.toString()).startsWith("application/problem+json");
            var problem = reply.json();
            assertThat(problem.get("status").asInt()).isEqualTo(400);
            assertThat(problem.has("title")).isTrue();
            assertThat(reply.body()).doesNotContainIgnoringCase("exception").doesNotContain("at com.");
        });
    }
}
