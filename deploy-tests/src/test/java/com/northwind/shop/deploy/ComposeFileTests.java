package com.northwind.shop.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * docker-compose.yml against the compose specification's JSON schema, and the promises docs/deployment.md makes about
 * it: every service health-checked and started after healthy dependencies, only the gateway published, secrets only
 * from .env.
 */
class ComposeFileTests {

    static final Pattern SECRET_NAME = Pattern.compile("PASSWORD|SECRET|_PEM$|_KEY$|AUTH|PRIVATEKEY");
    static final Pattern INTERPOLATION = Pattern.compile("^\\$\\{([A-Z0-9_]+)(:[?-][^}]*)?}$");
    static final Pattern REQUIRED_VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+):\\?");
    /** The image has no shell or HTTP client to run a check with; nothing may depend on it (asserted below). */
    static final Set<String> NO_HEALTHCHECK = Set.of("jaeger");

    final Map<String, Object> compose = Yaml.file(DeployTools.REPO.resolve("docker-compose.yml"));
    final Map<String, Map<String, Object>> services = services(compose);

    @Test
    void matchesTheComposeSpecification() {
        JsonMapper json = JsonMapper.builder().build();
        ObjectNode schemaNode = (ObjectNode) json.readTree(DeployTools.read(DeployTools.composeSchema()));
        // The packaged schema predates the top-level project `name` that the current specification allows.
        ((ObjectNode) schemaNode.get("properties")).putObject("name").put("type", "string");
        // Its draft-04 style `id` annotations mean nothing to a 2019-09 validator, which refuses them.
        dropIdAnnotations(schemaNode);
        Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2019_09)
                .getSchema(schemaNode);
        JsonNode file = json.valueToTree(compose);

        List<Error> errors = schema.validate(file);

        assertThat(errors)
                .extracting(e -> e.getInstanceLocation() + ": " + e.getMessage())
                .isEmpty();
        // The schema is not vacuous: it rejects what compose rejects.
        ObjectNode broken = (ObjectNode) file.deepCopy();
        ((ObjectNode) broken.get("services").get("redis")).put("helthcheck", "typo");
        assertThat(schema.validate(broken)).isNotEmpty();
    }

    @Test
    void everyServiceIsHealthCheckedAndStartsOnlyAfterHealthyDependencies() {
        services.forEach((name, service) -> {
            if (!NO_HEALTHCHECK.contains(name)) {
                assertThat(service).as("%s healthcheck", name).containsKey("healthcheck");
                Map<String, Object> check = Yaml.map(service.get("healthcheck"), name + " healthcheck");
                assertThat(check.get("disable"))
                        .as("%s healthcheck disabled", name)
                        .isNotEqualTo(true);
                assertThat(check).as("%s healthcheck test", name).containsKey("test");
            }
            Object dependsOn = service.get("depends_on");
            if (dependsOn != null) {
                assertThat(dependsOn)
                        .as("%s depends_on as a map with conditions", name)
                        .isInstanceOf(Map.class);
                Yaml.map(dependsOn, name).forEach((dependency, condition) -> {
                    assertThat(services)
                            .as("%s depends on a defined service", name)
                            .containsKey(dependency);
                    assertThat(NO_HEALTHCHECK)
                            .as("%s depends on %s, which has no healthcheck", name, dependency)
                            .doesNotContain(dependency);
                    assertThat(Yaml.map(condition, dependency).get("condition"))
                            .as("%s depends on %s", name, dependency)
                            .isEqualTo("service_healthy");
                });
            }
        });
        assertThat(dependencies("gateway-service"))
                .containsExactlyInAnyOrder(
                        "redis",
                        "user-service",
                        "product-service-1",
                        "product-service-2",
                        "order-service",
                        "payment-service");
        for (String service : List.of("user-service", "product-service-1", "order-service", "payment-service")) {
            assertThat(dependencies(service)).as(service).contains("postgres", "redis");
        }
    }

    @Test
    void onlyTheGatewayIsPublishedAndTheBackendNetworkIsInternal() {
        Set<String> published = new TreeSet<>();
        services.forEach((name, service) -> {
            List<String> ports = strings(service.get("ports"));
            if (ports == null || ports.isEmpty()) {
                return;
            }
            if (service.containsKey("profiles")) {
                // Operator tools of a profile: only on the host's loopback.
                assertThat(ports)
                        .as("%s ports", name)
                        .allMatch(p -> String.valueOf(p).startsWith("127.0.0.1:"));
            } else {
                published.add(name);
            }
        });
        assertThat(published).containsExactly("gateway-service");
        assertThat(String.valueOf(
                        strings(services.get("gateway-service").get("ports")).get(0)))
                .startsWith("${GATEWAY_BIND:-127.0.0.1}:");
        Map<String, Object> networks = Yaml.map(compose.get("networks"), "networks");
        assertThat(Yaml.map(networks.get("backend"), "backend").get("internal")).isEqualTo(true);
        services.forEach((name, service) -> {
            if (!service.containsKey("profiles") && !"gateway-service".equals(name)) {
                assertThat(strings(service.get("networks")))
                        .as("%s networks", name)
                        .containsExactly("backend");
            }
        });
    }

    @Test
    void secretsComeOnlyFromTheEnvFile() {
        List<String> problems = new ArrayList<>();
        services.forEach((name, service) -> {
            Object environment = service.get("environment");
            if (environment == null) {
                return;
            }
            if (!(environment instanceof Map<?, ?> env)) {
                problems.add(name + ": environment as a list; use a map");
                return;
            }
            env.forEach((key, value) -> {
                if (!SECRET_NAME.matcher(String.valueOf(key)).find()) {
                    return;
                }
                Matcher interpolated = INTERPOLATION.matcher(String.valueOf(value));
                if (!interpolated.matches()) {
                    problems.add(name + ": " + key + " is a literal; secrets come from .env as ${VAR:?message}");
                } else if (!service.containsKey("profiles")
                        && !String.valueOf(value).contains(":?")
                        // The bootstrap admin is optional: unset (an empty default, never a weak one) means none.
                        && !(key.equals("BOOTSTRAP_ADMIN_PASSWORD")
                                && String.valueOf(value).equals("${BOOTSTRAP_ADMIN_PASSWORD:-}"))) {
                    problems.add(name + ": " + key + " has a default; a service secret must be required (${VAR:?...})");
                }
            });
        });
        assertThat(problems).isEmpty();

        // Every variable compose requires is in .env.example (as a placeholder) and docker/gen-env.sh writes it.
        String text = DeployTools.read(DeployTools.REPO.resolve("docker-compose.yml"));
        Set<String> required = new LinkedHashSet<>();
        Matcher matcher = REQUIRED_VARIABLE.matcher(text);
        while (matcher.find()) {
            required.add(matcher.group(1));
        }
        assertThat(required).contains("POSTGRES_PASSWORD", "REDIS_PASSWORD", "USERS_JWT_SIGNING_KEY_PEM");
        String example = DeployTools.read(DeployTools.REPO.resolve(".env.example"));
        String generator = DeployTools.read(DeployTools.REPO.resolve("docker/gen-env.sh"));
        for (String variable : required) {
            assertThat(example)
                    .as(".env.example lists %s", variable)
                    .containsPattern("(?m)^" + variable + "=\"?(-----BEGIN PRIVATE KEY-----\\n)?change-me");
            assertThat(generator).as("docker/gen-env.sh writes %s", variable).containsPattern("(?m)^" + variable + "=");
        }
    }

    @Test
    void eachServiceUsesItsOwnDatabaseRoleAndRedisKeepsTheStreams() {
        for (String name :
                List.of("user-service", "product-service-1", "product-service-2", "order-service", "payment-service")) {
            Map<String, Object> env = Yaml.map(services.get(name).get("environment"), name);
            assertThat(env.get("DB_USERNAME"))
                    .as("%s database role", name)
                    .isNotNull()
                    .isNotEqualTo("postgres");
        }
        String redis = String.join(
                " ",
                ((List<?>) services.get("redis").get("command"))
                        .stream().map(String::valueOf).toList());
        // Only keys with a TTL (cache, rate-limit buckets) may be evicted: never the streams.
        assertThat(redis).contains("--appendonly yes", "--maxmemory ", "--maxmemory-policy volatile-lru");
        assertThat(redis).doesNotContain("allkeys-");
        // Two product-service instances, both behind the gateway.
        String gatewayJson =
                String.valueOf(Yaml.map(services.get("gateway-service").get("environment"), "gateway")
                        .get("SPRING_APPLICATION_JSON"));
        assertThat(gatewayJson).contains("http://product-service-1:8082", "http://product-service-2:8082");
    }

    @Test
    void applicationContainersAreLockedDown() {
        services.forEach((name, service) -> {
            if (service.containsKey("build")) {
                assertThat(service.get("read_only")).as("%s read_only", name).isEqualTo(true);
                assertThat(strings(service.get("cap_drop")))
                        .as("%s cap_drop", name)
                        .containsExactly("ALL");
                assertThat(strings(service.get("security_opt")))
                        .as("%s no-new-privileges", name)
                        .contains("no-new-privileges:true");
                assertThat(service).as("%s memory limit", name).containsKey("mem_limit");
            }
        });
    }

    private static void dropIdAnnotations(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if (object.path("id").isString()) {
                object.remove("id");
            }
            object.properties().forEach(entry -> dropIdAnnotations(entry.getValue()));
        } else if (node.isArray()) {
            node.forEach(ComposeFileTests::dropIdAnnotations);
        }
    }

    private static List<String> strings(@Nullable Object list) {
        return list == null
                ? List.of()
                : ((List<?>) list).stream().map(String::valueOf).toList();
    }

    @Test
    void everyServiceCanSendItsSpansToJaegerInTheObservabilityProfile() {
        Map<String, Object> jaeger = services.get("jaeger");
        assertThat(strings(jaeger.get("profiles"))).containsExactly("observability");
        assertThat(Yaml.map(jaeger.get("environment"), "jaeger")).containsEntry("COLLECTOR_ZIPKIN_HOST_PORT", ":9411");
        assertThat(strings(jaeger.get("networks"))).contains("backend");
        services.forEach((name, service) -> {
            if (service.containsKey("build")) {
                Map<String, Object> env = Yaml.map(service.get("environment"), name);
                assertThat(env)
                        .as("%s tracing settings", name)
                        .containsEntry("TRACING_EXPORT_ENDPOINT", "${TRACING_EXPORT_ENDPOINT:-}")
                        .containsKey("TRACING_SAMPLING_PROBABILITY");
            }
        });
        assertThat(DeployTools.read(DeployTools.REPO.resolve(".env.example")))
                .contains("# TRACING_EXPORT_ENDPOINT=http://jaeger:9411/api/v2/spans");
    }

    private Set<String> dependencies(String service) {
        Object dependsOn = services.get(service).get("depends_on");
        return dependsOn == null ? Set.of() : Yaml.map(dependsOn, service).keySet();
    }

    private static Map<String, Map<String, Object>> services(Map<String, Object> compose) {
        Map<String, Object> raw = Yaml.map(Objects.requireNonNull(compose.get("services")), "services");
        Map<String, Map<String, Object>> services = new java.util.LinkedHashMap<>();
        raw.forEach((name, service) -> services.put(name, Yaml.map(service, name)));
        return services;
    }
}
