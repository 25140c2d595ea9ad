package com.northwind.shop.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every service reaches Redis as its own ACL user (issue #18, finding 3), in docker-compose.yml and in both rendered
 * overlays: it is given {@code REDIS_USERNAME} (its own name) and a {@code REDIS_PASSWORD} that is its user's and
 * nobody else's; the ACL script ({@code docker/redis/users-acl.sh}) defines that user from the same variable; Redis
 * starts with the ACL file and no shared {@code requirepass}; no service is handed the admin password.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisUsersTests {

    static final Path ACL_SCRIPT = DeployTools.REPO.resolve("docker/redis/users-acl.sh");
    static final Pattern ACL_USER = Pattern.compile("user ([a-z-]+) on \\$\\(password_hash ([A-Z_]+)\\)");
    static final Pattern REQUIRED = Pattern.compile("^\\$\\{([A-Z0-9_]+):\\?[^}]*}$");

    private final List<RenderedOverlay> overlays = new ArrayList<>();

    /** User name -> the variable its password comes from, as the ACL script defines them. */
    private final Map<String, String> aclUsers = aclUsers();

    @BeforeAll
    void render() {
        overlays.addAll(RenderedOverlay.devAndProd());
    }

    @Test
    void theAclScriptDefinesAUserPerServiceAndTurnsTheDefaultUserOff() {
        assertThat(aclUsers)
                .containsOnlyKeys(
                        "admin",
                        "gateway-service",
                        "user-service",
                        "product-service",
                        "order-service",
                        "payment-service")
                .containsEntry("admin", "REDIS_PASSWORD");
        assertThat(aclUsers.values()).doesNotHaveDuplicates();
        assertThat(DeployTools.read(ACL_SCRIPT)).contains("echo \"user default off ");
        assertThat(DeployTools.read(DeployTools.REPO.resolve("k8s/overlays/dev/redis/users-acl.sh")))
                .as("copy docker/redis/users-acl.sh to k8s/overlays/dev/redis/")
                .isEqualTo(DeployTools.read(ACL_SCRIPT));
    }

    @Test
    void everyComposeServiceConnectsAsItsOwnRedisUser() {
        Map<String, Object> services = Yaml.map(
                Yaml.file(DeployTools.REPO.resolve("docker-compose.yml")).get("services"), "services");
        Map<String, Object> redis = Yaml.map(services.get("redis"), "redis");
        Map<String, Object> redisEnv = Yaml.map(redis.get("environment"), "redis environment");
        String command = String.join(
                " ",
                ((List<?>) redis.get("command")).stream().map(String::valueOf).toList());
        assertThat(command).contains("users-acl.sh", "--aclfile").doesNotContain("requirepass");
        List<String> problems = new ArrayList<>();
        Map<String, String> passwordOf = new HashMap<>();
        for (Map.Entry<String, Object> entry : services.entrySet()) {
            Map<String, Object> service = Yaml.map(entry.getValue(), entry.getKey());
            if (!service.containsKey("build")) {
                continue;
            }
            String name = entry.getKey().replaceFirst("-\\d+$", "");
            Map<String, Object> env = Yaml.map(service.get("environment"), entry.getKey());
            String user = String.valueOf(env.get("REDIS_USERNAME"));
            String password = String.valueOf(env.get("REDIS_PASSWORD"));
            Matcher variable = REQUIRED.matcher(password);
            if (!name.equals(user)) {
                problems.add(entry.getKey() + ": REDIS_USERNAME " + user + ", not " + name);
            } else if (!variable.matches()) {
                problems.add(entry.getKey() + ": REDIS_PASSWORD " + password + " is not a required .env variable");
            } else if (!variable.group(1).equals(aclUsers.get(user))) {
                problems.add(entry.getKey() + ": REDIS_PASSWORD from " + variable.group(1) + ", the ACL user " + user
                        + " from " + aclUsers.get(user));
            } else if (!password.equals(String.valueOf(redisEnv.get(variable.group(1))))) {
                problems.add("redis is not given " + variable.group(1) + " (the password of " + user + ")");
            } else {
                passwordOf.put(entry.getKey(), variable.group(1));
            }
        }
        assertThat(problems).isEmpty();
        assertThat(passwordOf)
                .containsOnlyKeys(
                        "gateway-service",
                        "user-service",
                        "product-service-1",
                        "product-service-2",
                        "order-service",
                        "payment-service")
                .doesNotContainValue("REDIS_PASSWORD");
    }

    @Test
    void everyDeploymentConnectsAsItsOwnRedisUser() {
        for (RenderedOverlay overlay : overlays) {
            List<String> problems = new ArrayList<>();
            Map<String, String> redisSecret =
                    overlay.name().equals("dev") ? secretData(overlay, "redis-credentials") : Map.of();
            for (JsonObject deployment : overlay.ofKind("Deployment")) {
                String name = RenderedOverlay.name(deployment);
                Map<String, String> configured = new HashMap<>();
                List<String> secrets = new ArrayList<>();
                JsonObject container = RenderedOverlay.firstContainer(deployment);
                for (JsonElement from : container.getAsJsonArray("envFrom")) {
                    JsonObject source = from.getAsJsonObject();
                    if (source.has("configMapRef")) {
                        configured.putAll(configMapData(
                                overlay,
                                source.getAsJsonObject("configMapRef")
                                        .get("name")
                                        .getAsString()));
                    } else if (source.has("secretRef")) {
                        secrets.add(
                                source.getAsJsonObject("secretRef").get("name").getAsString());
                    }
                }
                if (!name.equals(configured.get("REDIS_USERNAME"))) {
                    problems.add(name + ": REDIS_USERNAME " + configured.get("REDIS_USERNAME"));
                }
                if (secrets.stream().anyMatch(s -> s.startsWith("redis-credentials"))) {
                    problems.add(name + ": is given redis-credentials (the admin password)");
                }
                if (secrets.stream().noneMatch(s -> s.startsWith(name + "-secrets"))) {
                    problems.add(name + ": no Secret " + name + "-secrets (its REDIS_PASSWORD)");
                }
                if (overlay.name().equals("dev")) {
                    // Dev generates the secrets: the service's password is the one the ACL script hashes for it.
                    String own = secrets.stream()
                            .filter(s -> s.startsWith(name + "-secrets"))
                            .findFirst()
                            .map(s -> secretData(overlay, s).get("REDIS_PASSWORD"))
                            .orElse(null);
                    String expected = redisSecret.get(aclUsers.get(name));
                    if (own == null || !own.equals(expected)) {
                        problems.add(name + ": its REDIS_PASSWORD is not redis-credentials' " + aclUsers.get(name));
                    }
                }
            }
            assertThat(problems).as("overlay %s", overlay).isEmpty();
        }
    }

    @Test
    void theDevRedisLoadsTheAclFileWithoutASharedPassword() {
        RenderedOverlay dev = overlays.getFirst();
        JsonObject redis = dev.ofKind("StatefulSet").stream()
                .filter(s -> RenderedOverlay.name(s).equals("redis"))
                .findFirst()
                .orElseThrow();
        String spec = redis.toString();
        assertThat(spec).contains("users-acl.sh", "--aclfile").doesNotContain("requirepass");
        assertThat(dev.ofKind("ConfigMap").stream()
                        .filter(c -> RenderedOverlay.name(c).startsWith("redis-acl"))
                        .map(c -> c.getAsJsonObject("data").get("users-acl.sh").getAsString()))
                .containsExactly(DeployTools.read(ACL_SCRIPT));
    }

    private static Map<String, String> aclUsers() {
        Map<String, String> users = new HashMap<>();
        Matcher m = ACL_USER.matcher(DeployTools.read(ACL_SCRIPT));
        while (m.find()) {
            users.put(m.group(1), m.group(2));
        }
        return users;
    }

    private static Map<String, String> configMapData(RenderedOverlay overlay, String name) {
        Map<String, String> data = new HashMap<>();
        overlay.ofKind("ConfigMap").stream()
                .filter(c -> RenderedOverlay.name(c).equals(name))
                .forEach(c -> c.getAsJsonObject("data")
                        .entrySet()
                        .forEach(e -> data.put(e.getKey(), e.getValue().getAsString())));
        return data;
    }

    private static Map<String, String> secretData(RenderedOverlay overlay, String prefix) {
        Map<String, String> data = new HashMap<>();
        overlay.ofKind("Secret").stream()
                .filter(s -> RenderedOverlay.name(s).startsWith(prefix))
                .forEach(s -> s.getAsJsonObject("data")
                        .entrySet()
                        .forEach(e -> data.put(
                                e.getKey(),
                                new String(
                                        Base64.getMimeDecoder()
                                                .decode(e.getValue().getAsString()),
                                        StandardCharsets.UTF_8))));
        return data;
    }
}
