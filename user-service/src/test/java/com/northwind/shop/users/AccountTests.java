package com.northwind.shop.users;

import static com.northwind.shop.platform.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.northwind.shop.platform.test.TestHttp;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

class AccountTests extends UsersIntegrationTests {

    @Autowired
    JdbcTemplate jdbc;

    private String rolesOf(String access) {
        return send("GET", "/api/users/me", null, access).json().path("roles").toString();
    }

    private int accountsWith(String email) {
        Integer count =
                jdbc.queryForObject("SELECT count(*) FROM users WHERE lower(email) = lower(?)", Integer.class, email);
        return count == null ? 0 : count;
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"roles\":[\"ADMIN\"]", "\"role\":\"ADMIN\"", "\"id\":\"%s\"", "\"status\":\"ACTIVE\""})
    void registrationWithForbiddenFieldsIsRefusedAndCreatesNothing(String extra) {
        String email = uniqueEmail();
        String body = "{\"email\":\"%s\",\"password\":\"%s\",\"name\":\"Mallory\",%s}"
                .formatted(email, PASSWORD, extra.formatted(UUID.randomUUID()));

        JsonNode problem = assertProblem(post("/api/auth/register", body), 400);

        assertThat(problem.path("errors").findValuesAsString("message")).contains("is not allowed");
        assertThat(accountsWith(email)).isZero();
    }

    @Test
    void duplicateEmailInAnyCaseIsAConflict() {
        String email = uniqueEmail();
        newCustomer(email);

        JsonNode problem = assertProblem(register(email.toUpperCase(), PASSWORD, "Twin"), 409);

        assertThat(problem.path("type").asString()).isEqualTo("urn:northwind:problem:email-taken");
        assertThat(accountsWith(email)).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"short-pw", "password1234", "qwerty123456"})
    void weakPasswordsAreRefused(String password) {
        String email = uniqueEmail();

        JsonNode problem = assertProblem(register(email, password, "Weak"), 400);

        assertThat(problem.path("errors").findValuesAsString("field")).containsExactly("password");
        assertThat(accountsWith(email)).isZero();
    }

    @Test
    void passwordEqualToTheEmailIsRefused() {
        String email = "longlocalpart" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";

        assertProblem(register(email, email, "Lazy"), 400);
        assertThat(accountsWith(email)).isZero();
    }

    @Test
    void invalidRegistrationFieldsAreListed() {
        JsonNode problem = assertProblem(post("/api/auth/register", "{\"email\":\"not-an-email\",\"name\":\"\"}"), 400);

        assertThat(problem.path("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("email", "password", "name");
    }

    @Test
    void meNeedsAToken() {
        TestHttp.Response response = http.get("/api/users/me");

        assertProblem(response, 401);
        assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer");
    }

    @Test
    void profileUpdateCannotSetRoles() {
        String email = uniqueEmail();
        newCustomer(email);
        String access = accessToken(email, PASSWORD);

        assertProblem(send("PATCH", "/api/users/me", "{\"roles\":[\"ADMIN\"]}", access), 400);
        assertThat(rolesOf(access)).isEqualTo("[\"CUSTOMER\"]");
    }

    @Test
    void customerCannotCallAdminEndpoints() {
        String email = uniqueEmail();
        UUID id = newCustomer(email);
        String access = accessToken(email, PASSWORD);

        assertProblem(send("GET", "/api/users", null, access), 403);
        assertProblem(send("GET", "/api/users/" + id, null, access), 403);
        assertProblem(send("PUT", "/api/users/" + id + "/roles", "{\"roles\":[\"ADMIN\"]}", access), 403);
        assertProblem(send("POST", "/api/users/" + id + "/disable", null, access), 403);
        assertThat(rolesOf(access)).isEqualTo("[\"CUSTOMER\"]");
    }

    @Test
    void bootstrapAdminListsUsersInPagesAndGrantsRoles() {
        String email = uniqueEmail();
        UUID id = newCustomer(email);
        String admin = accessToken(ADMIN_EMAIL, ADMIN_PASSWORD);

        TestHttp.Response page = send("GET", "/api/users?page=0&size=2", null, admin);
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        JsonNode body = page.json();
        assertThat(body.path("content").size()).isEqualTo(2);
        assertThat(body.path("page").path("size").asInt()).isEqualTo(2);
        assertThat(body.path("page").path("number").asInt()).isZero();
        assertThat(body.path("page").path("totalElements").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(body.path("page").path("totalPages").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(page.body()).doesNotContain("password");

        TestHttp.Response granted =
                send("PUT", "/api/users/" + id + "/roles", "{\"roles\":[\"ADMIN\",\"CUSTOMER\"]}", admin);
        assertThat(granted.status()).as(granted.body()).isEqualTo(200);
        assertThat(granted.json().path("roles").valueStream().map(JsonNode::asString))
                .containsExactlyInAnyOrder("ADMIN", "CUSTOMER");
        // Roles reach tokens at the next login.
        assertThat(send("GET", "/api/users", null, accessToken(email, PASSWORD)).status())
                .isEqualTo(200);

        assertProblem(send("PUT", "/api/users/" + id + "/roles", "{\"roles\":[]}", admin), 400);
        assertProblem(send("PUT", "/api/users/" + id + "/roles", "{\"roles\":[\"ROOT\"]}", admin), 400);
        assertProblem(send("PUT", "/api/users/" + UUID.randomUUID() + "/roles", "{\"roles\":[\"ADMIN\"]}", admin), 404);
        // Page sizes are capped.
        assertThat(send("GET", "/api/users?size=1000", null, admin)
                        .json()
                        .path("page")
                        .path("size")
                        .asInt())
                .isEqualTo(100);
    }

    @Test
    void adminListRefusesUnknownAndSecretSortProperties() {
        String admin = accessToken(ADMIN_EMAIL, ADMIN_PASSWORD);

        JsonNode unknown = assertProblem(send("GET", "/api/users?sort=nope,desc", null, admin), 400);
        assertThat(unknown.path("errors").get(0).path("field").asString()).isEqualTo("sort");
        // Sorting by the hash would let an admin's client probe hashes by order: not a sortable property.
        assertProblem(send("GET", "/api/users?sort=passwordHash", null, admin), 400);
        assertThat(send("GET", "/api/users?sort=email,asc", null, admin).status())
                .isEqualTo(200);
    }
}
