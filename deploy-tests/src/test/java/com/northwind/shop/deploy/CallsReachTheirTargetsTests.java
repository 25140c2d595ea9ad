package com.northwind.shop.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every port a component calls is served by its target and allowed by the network policies: the service addresses
 * the gateway and the services are given (SPRING_APPLICATION_JSON, the JWKS URI, the service-token URI) and the gateway's load-balancer
 * health checks on the Actuator port (MANAGEMENT_SERVER_PORT). A moved port that nobody follows (the 503 of issue
 * #19) fails here before it fails in a cluster.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CallsReachTheirTargetsTests {

    private final List<RenderedOverlay> overlays = new ArrayList<>();

    @BeforeAll
    void render() {
        overlays.addAll(RenderedOverlay.devAndProd());
    }

    @Test
    void everyCallInTheOverlaysIsServedAndAllowedByThePolicies() {
        for (RenderedOverlay overlay : overlays) {
            JsonObject common = configMap(overlay, "northwind-common");
            String managementPort = common.get("MANAGEMENT_SERVER_PORT").getAsString();
            Map<String, URI> upstreams =
                    upstreams(common.get("SPRING_APPLICATION_JSON").getAsString());
            upstreams.put(
                    "jwks",
                    URI.create(common.get("NORTHWIND_SECURITY_JWT_JWKS_URI").getAsString()));
            upstreams.put(
                    "service tokens", URI.create(common.get("SERVICE_TOKEN_URI").getAsString()));
            List<String> problems = new ArrayList<>();
            for (JsonObject caller : overlay.ofKind("Deployment")) {
                for (URI target : upstreams.values()) {
                    check(overlay, caller, target.getHost(), target.getPort(), problems);
                }
            }
            JsonObject gateway = deployment(overlay, "gateway-service");
            for (URI target : upstreams.values()) {
                check(overlay, gateway, target.getHost(), Integer.parseInt(managementPort), problems);
            }
            assertThat(problems).as("overlay %s", overlay).isEmpty();
        }
    }

    @Test
    void theComposeFilesCallsAreServedByTheirTargets() {
        Map<String, Object> services = Yaml.map(
                Yaml.file(DeployTools.REPO.resolve("docker-compose.yml")).get("services"), "services");
        Map<String, Object> gatewayEnv =
                Yaml.map(Yaml.map(services.get("gateway-service"), "gateway").get("environment"), "env");
        String managementPort = String.valueOf(gatewayEnv.get("MANAGEMENT_SERVER_PORT"));
        Map<String, URI> upstreams = upstreams(String.valueOf(gatewayEnv.get("SPRING_APPLICATION_JSON")));
        upstreams.put("jwks", URI.create(String.valueOf(gatewayEnv.get("NORTHWIND_SECURITY_JWT_JWKS_URI"))));
        // Without it the platform asks localhost for service tokens: every /internal/** call fails (found in
        // containers).
        upstreams.put("service tokens", URI.create(String.valueOf(gatewayEnv.get("SERVICE_TOKEN_URI"))));
        List<String> problems = new ArrayList<>();
        for (URI target : upstreams.values()) {
            Object service = services.get(target.getHost());
            if (service == null) {
                problems.add(target + ": no compose service " + target.getHost());
                continue;
            }
            Map<String, Object> env =
                    Yaml.map(Yaml.map(service, target.getHost()).get("environment"), "env");
            if (!String.valueOf(target.getPort()).equals(String.valueOf(env.get("PORT")))) {
                problems.add(target + ": " + target.getHost() + " listens on PORT " + env.get("PORT"));
            }
            if (!managementPort.equals(String.valueOf(env.get("MANAGEMENT_SERVER_PORT")))) {
                problems.add(target.getHost() + ": Actuator on " + env.get("MANAGEMENT_SERVER_PORT")
                        + ", the gateway health-checks " + managementPort);
            }
        }
        assertThat(problems).isEmpty();
        // The gateway health-checks the management port (LB_HEALTH_CHECK_PORT defaults to MANAGEMENT_SERVER_PORT).
        assertThat(DeployTools.read(DeployTools.REPO.resolve("gateway-service/src/main/resources/application.yml")))
                .contains("port: ${LB_HEALTH_CHECK_PORT:${MANAGEMENT_SERVER_PORT:}}");
    }

    private static void check(
            RenderedOverlay overlay, JsonObject caller, String host, int port, List<String> problems) {
        String call = RenderedOverlay.name(caller) + " -> " + host + ":" + port;
        JsonObject service = overlay.ofKind("Service").stream()
                .filter(s -> host.equals(RenderedOverlay.name(s)))
                .findFirst()
                .orElse(null);
        if (service == null) {
            problems.add(call + ": no Service " + host);
            return;
        }
        JsonObject servicePort = null;
        for (JsonElement p : service.getAsJsonObject("spec").getAsJsonArray("ports")) {
            if (p.getAsJsonObject().get("port").getAsInt() == port) {
                servicePort = p.getAsJsonObject();
            }
        }
        if (servicePort == null) {
            problems.add(call + ": Service " + host + " has no port " + port);
            return;
        }
        JsonObject selector = service.getAsJsonObject("spec").getAsJsonObject("selector");
        JsonObject target = overlay.ofKind("Deployment").stream()
                .filter(d -> matches(selector, podLabels(d)))
                .findFirst()
                .orElse(null);
        if (target == null) {
            problems.add(call + ": Service " + host + " selects no Deployment");
            return;
        }
        JsonElement targetPort =
                servicePort.has("targetPort") ? servicePort.get("targetPort") : servicePort.get("port");
        Integer containerPort = null;
        for (JsonElement c : RenderedOverlay.podSpec(target).getAsJsonArray("containers")) {
            for (JsonElement p : c.getAsJsonObject().getAsJsonArray("ports")) {
                JsonObject cp = p.getAsJsonObject();
                boolean named = targetPort.getAsJsonPrimitive().isString()
                        && cp.has("name")
                        && cp.get("name").getAsString().equals(targetPort.getAsString());
                boolean numbered = targetPort.getAsJsonPrimitive().isNumber()
                        && cp.get("containerPort").getAsInt() == targetPort.getAsInt();
                if (named || numbered) {
                    containerPort = cp.get("containerPort").getAsInt();
                }
            }
        }
        if (containerPort == null) {
            problems.add(call + ": " + RenderedOverlay.name(target) + " declares no container port " + targetPort);
            return;
        }
        if (!allowed(overlay, "Egress", caller, target, containerPort)) {
            problems.add(call + ": no policy lets " + RenderedOverlay.name(caller) + " send to port " + containerPort);
        }
        if (!allowed(overlay, "Ingress", target, caller, containerPort)) {
            problems.add(call + ": no policy lets " + RenderedOverlay.name(target) + " accept port " + containerPort);
        }
    }

    /** Whether a policy selecting {@code subject} allows traffic with {@code peer} on {@code port}, in a direction. */
    private static boolean allowed(
            RenderedOverlay overlay, String direction, JsonObject subject, JsonObject peer, int port) {
        for (JsonObject policy : overlay.ofKind("NetworkPolicy")) {
            JsonObject spec = policy.getAsJsonObject("spec");
            if (!matches(spec.getAsJsonObject("podSelector").getAsJsonObject("matchLabels"), podLabels(subject))) {
                continue;
            }
            JsonArray rules = spec.getAsJsonArray(direction.equals("Egress") ? "egress" : "ingress");
            if (rules == null) {
                continue;
            }
            for (JsonElement r : rules) {
                JsonObject rule = r.getAsJsonObject();
                JsonArray peers = rule.getAsJsonArray(direction.equals("Egress") ? "to" : "from");
                boolean peerOk = peers == null;
                if (peers != null) {
                    for (JsonElement p : peers) {
                        JsonObject selector = p.getAsJsonObject().getAsJsonObject("podSelector");
                        if (selector != null
                                && !p.getAsJsonObject().has("namespaceSelector")
                                && matches(selector.getAsJsonObject("matchLabels"), podLabels(peer))) {
                            peerOk = true;
                        }
                    }
                }
                if (peerOk && portAllowed(rule.getAsJsonArray("ports"), port)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean portAllowed(JsonArray ports, int port) {
        if (ports == null) {
            return true;
        }
        for (JsonElement p : ports) {
            JsonObject rule = p.getAsJsonObject();
            int from = rule.get("port").getAsInt();
            int to = rule.has("endPort") ? rule.get("endPort").getAsInt() : from;
            if (port >= from && port <= to) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(JsonObject selector, JsonObject labels) {
        if (selector == null) {
            return true;
        }
        for (var entry : selector.entrySet()) {
            if (!labels.has(entry.getKey()) || !labels.get(entry.getKey()).equals(entry.getValue())) {
                return false;
            }
        }
        return true;
    }

    private static JsonObject podLabels(JsonObject deployment) {
        return deployment
                .getAsJsonObject("spec")
                .getAsJsonObject("template")
                .getAsJsonObject("metadata")
                .getAsJsonObject("labels");
    }

    private static JsonObject deployment(RenderedOverlay overlay, String name) {
        return overlay.ofKind("Deployment").stream()
                .filter(d -> name.equals(RenderedOverlay.name(d)))
                .findFirst()
                .orElseThrow();
    }

    private static JsonObject configMap(RenderedOverlay overlay, String prefix) {
        return overlay.ofKind("ConfigMap").stream()
                .filter(c -> RenderedOverlay.name(c).startsWith(prefix))
                .findFirst()
                .orElseThrow()
                .getAsJsonObject("data");
    }

    /** service id → its first instance's URI, from the simple discovery client's JSON. */
    private static Map<String, URI> upstreams(String springApplicationJson) {
        JsonObject instances = JsonParser.parseString(springApplicationJson)
                .getAsJsonObject()
                .getAsJsonObject("spring")
                .getAsJsonObject("cloud")
                .getAsJsonObject("discovery")
                .getAsJsonObject("client")
                .getAsJsonObject("simple")
                .getAsJsonObject("instances");
        Map<String, URI> out = new LinkedHashMap<>();
        for (var entry : instances.entrySet()) {
            int i = 0;
            for (JsonElement instance : entry.getValue().getAsJsonArray()) {
                out.put(
                        entry.getKey() + "[" + i++ + "]",
                        URI.create(instance.getAsJsonObject().get("uri").getAsString()));
            }
        }
        return out;
    }
}
