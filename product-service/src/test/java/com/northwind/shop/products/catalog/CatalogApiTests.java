package com.northwind.shop.products.catalog;

import static com.northwind.shop.platform.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.northwind.shop.platform.test.TestHttp;
import com.northwind.shop.platform.test.TestTokens;
import com.northwind.shop.products.testing.Fixtures;
import com.northwind.shop.products.testing.ProductsServiceTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

@ProductsServiceTest
class CatalogApiTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    TestHttp http;
    String slug;
    UUID categoryId;

    @BeforeEach
    void setUp() {
        http = TestHttp.localhost(port);
        slug = Fixtures.unique("cat");
        categoryId = Fixtures.category(jdbc, slug);
    }

    @Test
    void createsAProductInTheContractShape() {
        String sku = Fixtures.unique("mug");
        TestHttp.Response created = create(sku, "Coffee mug", 1299, 7);

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode product = created.json();
        assertThat(created.header("Location"))
                .isEqualTo("/api/products/" + product.path("id").asString());
        assertThat(product.path("sku").asString()).isEqualTo(sku.toUpperCase());
        assertThat(product.path("name").asString()).isEqualTo("Coffee mug");
        assertThat(product.path("description").asString()).isEqualTo("A fine Coffee mug for every day.");
        assertThat(product.path("price").path("amount").asLong()).isEqualTo(1299);
        assertThat(product.path("price").path("currency").asString()).isEqualTo("USD");
        assertThat(product.path("category").path("id").asString()).isEqualTo(categoryId.toString());
        assertThat(product.path("category").path("slug").asString()).isEqualTo(slug);
        assertThat(product.path("category").path("name").asString()).isEqualTo("Category " + slug);
        assertThat(product.path("imageUrls").get(0).asString()).startsWith("https://img.example.com/");
        assertThat(product.path("attributes").path("sizes").get(1).asString()).isEqualTo("M");
        assertThat(product.path("active").asBoolean()).isTrue();
        assertThat(product.path("availableQuantity").asInt()).isEqualTo(7);
        assertThat(product.path("version").asLong()).isZero();

        TestHttp.Response read = http.get("/api/products/" + product.path("id").asString());
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json()).isEqualTo(product);
    }

    @Test
    void rejectsInvalidProductsAndWritesNothing() {
        String body = """
                {"sku": "lower case", "name": " ", "price": {"amount": -1, "currency": "usd"},
                 "imageUrls": ["ftp://x"], "availableQuantity": -2}
                """;
        JsonNode problem = assertProblem(http.send("POST", "/api/products", body, Fixtures.admin()), 400);

        assertThat(problem.path("errors").findValuesAsString("field"))
                .contains(
                        "sku",
                        "name",
                        "price.amount",
                        "price.currency",
                        "categoryId",
                        "imageUrls[0]",
                        "availableQuantity");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM products WHERE sku = 'LOWER CASE'", Long.class))
                .isZero();
    }

    @Test
    void rejectsAnUnknownCategoryAndADuplicateSku() {
        String sku = Fixtures.unique("dup");
        assertThat(create(sku, "First", 100, 1).status()).isEqualTo(201);

        assertProblem(
                http.send(
                        "POST",
                        "/api/products",
                        Fixtures.newProduct(sku, "Second", categoryId, 100, 1),
                        Fixtures.admin()),
                409);
        JsonNode problem = assertProblem(
                http.send(
                        "POST",
                        "/api/products",
                        Fixtures.newProduct(Fixtures.unique("x"), "Third", UUID.randomUUID(), 100, 1),
                        Fixtures.admin()),
                400);
        assertThat(problem.path("errors").findValuesAsString("field")).containsExactly("categoryId");
    }

    @Test
    void updatesOnlyTheCurrentVersion() {
        String id = create(Fixtures.unique("lamp"), "Desk lamp", 4500, 3)
                .json()
                .path("id")
                .asString();
        String patch = "{\"name\": \"Desk lamp, brass\", \"price\": {\"amount\": 4900, \"currency\": \"USD\"}}";

        TestHttp.Response updated = http.send("PATCH", "/api/products/" + id, patch, with("If-Match", "\"0\""));
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.json().path("name").asString()).isEqualTo("Desk lamp, brass");
        assertThat(updated.json().path("price").path("amount").asLong()).isEqualTo(4900);
        assertThat(updated.json().path("description").asString()).isEqualTo("A fine Desk lamp for every day.");
        assertThat(updated.json().path("version").asLong()).isEqualTo(1);

        assertProblem(
                http.send("PATCH", "/api/products/" + id, "{\"name\": \"Stale\"}", with("If-Match", "\"0\"")), 412);
        assertProblem(
                http.send("PATCH", "/api/products/" + id, "{\"name\": \"Stale\", \"version\": 0}", Fixtures.admin()),
                409);
        assertProblem(http.send("PATCH", "/api/products/" + id, "{\"name\": \"Blind\"}", Fixtures.admin()), 428);
        assertProblem(http.send("PATCH", "/api/products/" + id, "{\"name\": \"\"}", with("If-Match", "\"1\"")), 400);
        assertThat(http.get("/api/products/" + id).json().path("name").asString())
                .isEqualTo("Desk lamp, brass");

        TestHttp.Response byBody =
                http.send("PATCH", "/api/products/" + id, "{\"active\": false, \"version\": 1}", Fixtures.admin());
        assertThat(byBody.status()).isEqualTo(200);
        assertThat(byBody.json().path("active").asBoolean()).isFalse();
    }

    @Test
    void deactivatedProductsLeaveTheListingButStayReadable() {
        String id = create(Fixtures.unique("old"), "Old model", 100, 1)
                .json()
                .path("id")
                .asString();
        assertThat(listing("category=" + slug)
                        .path("page")
                        .path("totalElements")
                        .asLong())
                .isEqualTo(1);

        TestHttp.Response deactivated =
                http.send("POST", "/api/products/" + id + "/deactivate", null, Fixtures.admin());
        assertThat(deactivated.status()).isEqualTo(200);

        assertThat(listing("category=" + slug).path("content")).isEmpty();
        assertThat(http.get("/api/products/" + id).json().path("active").asBoolean())
                .isFalse();
    }

    @Test
    void filtersSortsAndPagesTheListing() {
        create(Fixtures.unique("a"), "Walnut chopping board", 3500, 1);
        create(Fixtures.unique("b"), "Bamboo chopping board", 1500, 1);
        create(Fixtures.unique("c"), "Chef knife", 8900, 1);
        create(Fixtures.unique("d"), "Paring knife", 2500, 1);
        create(Fixtures.unique("e"), "Apron", 2500, 1);

        JsonNode byPrice = listing("category=" + slug + "&sort=price,asc").path("content");
        assertThat(names(byPrice)).startsWith("Bamboo chopping board").endsWith("Walnut chopping board", "Chef knife");
        // Equal prices are ordered by id, so that consecutive pages never overlap or skip a product.
        assertThat(byPrice.get(1).path("id").asString())
                .isLessThan(byPrice.get(2).path("id").asString());
        assertThat(names("category=" + slug + "&sort=price,desc").getFirst()).isEqualTo("Chef knife");
        assertThat(names("category=" + slug + "&sort=name,asc").getFirst()).isEqualTo("Apron");
        assertThat(names("category=" + slug + "&sort=newest").getFirst()).isEqualTo("Apron");
        assertThat(names("category=" + categoryId + "&q=knife"))
                .containsExactlyInAnyOrder("Chef knife", "Paring knife");
        assertThat(names("category=" + slug + "&q=chopping boards")).hasSize(2);
        assertThat(names("category=" + slug + "&minPrice=2000&maxPrice=3500&sort=name,asc"))
                .containsExactly("Apron", "Paring knife", "Walnut chopping board");

        JsonNode second = listing("category=" + slug + "&sort=name,asc&page=1&size=2");
        assertThat(names(second.path("content"))).containsExactly("Chef knife", "Paring knife");
        assertThat(second.path("page").path("number").asInt()).isEqualTo(1);
        assertThat(second.path("page").path("size").asInt()).isEqualTo(2);
        assertThat(second.path("page").path("totalElements").asLong()).isEqualTo(5);
        assertThat(second.path("page").path("totalPages").asLong()).isEqualTo(3);
        assertThat(listing("category=no-such-category").path("content")).isEmpty();
    }

    @Test
    void readsSeveralProductsInOneInternalCall() {
        String first =
                create(Fixtures.unique("a"), "First", 100, 1).json().path("id").asString();
        String second =
                create(Fixtures.unique("b"), "Second", 200, 2).json().path("id").asString();
        http.send("POST", "/api/products/" + second + "/deactivate", null, Fixtures.admin());
        Map<String, String> orderService =
                Map.of("Authorization", "Bearer " + TestTokens.get().serviceToken("order-service", "product-service"));

        TestHttp.Response both = http.send(
                "GET",
                "/internal/products?ids=" + first + "&ids=" + second + "&ids=" + first + "&ids=" + UUID.randomUUID(),
                null,
                orderService);

        assertThat(both.status()).as(both.body()).isEqualTo(200);
        Map<String, JsonNode> byId = new HashMap<>();
        both.json().forEach(product -> byId.put(product.path("id").asString(), product));
        assertThat(byId).containsOnlyKeys(first, second); // repeated ids once, unknown ones left out
        assertThat(byId.get(first).path("price").path("amount").asLong()).isEqualTo(100);
        assertThat(byId.get(first).path("active").asBoolean()).isTrue();
        assertThat(byId.get(second).path("active").asBoolean()).isFalse();

        String tooMany = Stream.generate(UUID::randomUUID)
                .limit(InternalCatalogController.MAX_IDS + 1)
                .map(id -> "ids=" + id)
                .collect(Collectors.joining("&"));
        assertThat(assertProblem(http.send("GET", "/internal/products?" + tooMany, null, orderService), 400)
                        .path("errors")
                        .findValuesAsString("field"))
                .contains("ids");
        assertProblem(http.send("GET", "/internal/products", null, orderService), 400);
        assertProblem(http.send("GET", "/internal/products?ids=not-a-uuid", null, orderService), 400);
    }

    @Test
    void rejectsBadListingParameters() {
        JsonNode problem = assertProblem(http.get("/api/products?size=101"), 400);
        assertThat(problem.path("errors").findValuesAsString("field")).contains("size");
        assertProblem(http.get("/api/products?size=0"), 400);
        assertProblem(http.get("/api/products?page=-1"), 400);
        assertProblem(http.get("/api/products?sort=price"), 400);
        JsonNode notANumber = assertProblem(http.get("/api/products?minPrice=abc&size=0"), 400);
        assertThat(notANumber.path("errors").findValuesAsString("field")).containsExactlyInAnyOrder("minPrice", "size");
        assertThat(notANumber.path("errors").findValuesAsString("message")).contains("has an invalid value");
        assertThat(assertProblem(http.get("/api/products?minPrice=500&maxPrice=100"), 400)
                        .path("errors")
                        .findValuesAsString("field"))
                .containsExactly("priceRangeValid");
        assertThat(listing("minPrice=&size=1").path("content")).hasSizeLessThanOrEqualTo(1);
        assertProblem(http.get("/api/products/not-a-uuid"), 400);
        assertProblem(http.get("/api/products/" + UUID.randomUUID()), 404);
    }

    @Test
    void answersConditionalReadsWithNotModified() {
        String id = create(Fixtures.unique("tag"), "Tagged", 100, 1)
                .json()
                .path("id")
                .asString();
        TestHttp.Response first = http.get("/api/products/" + id);
        String etag = first.header("ETag");
        assertThat(etag).startsWith("\"");
        assertThat(first.header("Cache-Control"))
                .contains("public")
                .contains("max-age=")
                .contains("s-maxage=");

        TestHttp.Response again = http.send("GET", "/api/products/" + id, null, Map.of("If-None-Match", etag));
        assertThat(again.status()).isEqualTo(304);
        assertThat(again.body()).isEmpty();

        TestHttp.Response list = http.get("/api/products?category=" + slug);
        assertThat(http.send(
                                "GET",
                                "/api/products?category=" + slug,
                                null,
                                Map.of("If-None-Match", list.header("ETag")))
                        .status())
                .isEqualTo(304);

        http.send("PATCH", "/api/products/" + id, "{\"name\": \"Retagged\"}", with("If-Match", "\"0\""));
        TestHttp.Response changed = http.send("GET", "/api/products/" + id, null, Map.of("If-None-Match", etag));
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.header("ETag")).isNotEqualTo(etag);
    }

    @Test
    void listsCategories() {
        JsonNode categories = http.get("/api/categories").json();
        assertThat(categories.findValuesAsString("slug")).contains(slug);
    }

    private TestHttp.Response create(String sku, String name, long price, int quantity) {
        return http.send(
                "POST", "/api/products", Fixtures.newProduct(sku, name, categoryId, price, quantity), Fixtures.admin());
    }

    private JsonNode listing(String query) {
        TestHttp.Response response = http.get("/api/products?" + query);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private List<String> names(String query) {
        return names(listing(query.replace(" ", "%20")).path("content"));
    }

    private static List<String> names(JsonNode content) {
        return content.valueStream().map(p -> p.path("name").asString()).toList();
    }

    private static Map<String, String> with(String header, String value) {
        Map<String, String> headers = new HashMap<>(Fixtures.admin());
        headers.put(header, value);
        return headers;
    }
}
