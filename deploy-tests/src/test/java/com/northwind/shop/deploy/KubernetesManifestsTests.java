package com.northwind.shop.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.kubernetes.client.custom.IntOrString;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1EnvVar;
import io.kubernetes.client.openapi.models.V1HTTPGetAction;
import io.kubernetes.client.openapi.models.V1Ingress;
import io.kubernetes.client.openapi.models.V1LabelSelector;
import io.kubernetes.client.openapi.models.V1NetworkPolicy;
import io.kubernetes.client.openapi.models.V1NetworkPolicyIngressRule;
import io.kubernetes.client.openapi.models.V1NetworkPolicyPeer;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1Probe;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServicePort;
import io.kubernetes.client.openapi.models.V2HorizontalPodAutoscaler;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Renders both kustomize overlays and holds them to the Kubernetes API schema and to what docs/deployment.md
 * promises: locked-down, probed, resource-limited pods; autoscaling and disruption budgets; deny-by-default network
 * policies; one TLS Ingress; no secret values in the repository.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KubernetesManifestsTests {

    static final Set<String> SERVICES =
            Set.of("gateway-service", "user-service", "product-service", "order-service", "payment-service");
    static final Set<String> AUTOSCALED = Set.of("gateway-service", "product-service", "order-service");
    static final Set<String> WITH_A_SCHEMA =
            Set.of("user-service", "product-service", "order-service", "payment-service");
    static final Pattern SECRET_NAME = Pattern.compile("PASSWORD|SECRET|PRIVATE|_KEY$|_TOKEN$");

    private List<RenderedOverlay> overlays = List.of();

    @BeforeAll
    void render() {
        overlays = RenderedOverlay.devAndProd();
    }

    List<RenderedOverlay> overlays() {
        return overlays;
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyObjectMatchesTheKubernetesApiSchema(RenderedOverlay overlay) {
        assertThat(overlay.objects()).hasSizeGreaterThan(30);
        List<String> problems = new ArrayList<>();
        for (JsonObject object : overlay.objects()) {
            RenderedOverlay.schemaProblem(object)
                    .ifPresent(problem -> problems.add(RenderedOverlay.id(object) + ": " + problem));
        }
        assertThat(problems).as("schema problems in overlay %s", overlay).isEmpty();

        // Not vacuous: a misspelt field, a missing required one and a wrong type are all refused.
        JsonObject deployment = overlay.ofKind("Deployment").get(0).deepCopy();
        JsonObject container = RenderedOverlay.firstContainer(deployment);
        JsonObject misspelt = deployment.deepCopy();
        container.add("readinesProbe", container.get("readinessProbe"));
        assertThat(RenderedOverlay.schemaProblem(deployment))
                .hasValueSatisfying(p -> assertThat(p).contains("readinesProbe"));
        container.remove("readinesProbe");
        container.remove("name");
        assertThat(RenderedOverlay.schemaProblem(deployment))
                .hasValueSatisfying(p -> assertThat(p).contains("name"));
        misspelt.getAsJsonObject("spec").addProperty("revisionHistoryLimit", "five");
        assertThat(RenderedOverlay.schemaProblem(misspelt)).isPresent();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyServiceRunsProbedLimitedAndLockedDown(RenderedOverlay overlay) {
        List<V1Deployment> deployments = overlay.ofKind("Deployment", V1Deployment.class);
        assertThat(deployments)
                .extracting(d -> d.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(SERVICES);
        SoftAssertions softly = new SoftAssertions();
        for (V1Deployment deployment : deployments) {
            String name = deployment.getMetadata().getName();
            V1PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            softly.assertThat(pod.getSecurityContext().getRunAsNonRoot())
                    .as("%s runAsNonRoot", name)
                    .isTrue();
            softly.assertThat(pod.getSecurityContext().getSeccompProfile().getType())
                    .as("%s seccomp", name)
                    .isEqualTo("RuntimeDefault");
            softly.assertThat(pod.getAutomountServiceAccountToken())
                    .as("%s service account token", name)
                    .isFalse();
            for (V1Container c : pod.getContainers()) {
                String id = name + "/" + c.getName();
                softly.assertThat(c.getSecurityContext().getReadOnlyRootFilesystem())
                        .as("%s read-only root", id)
                        .isTrue();
                softly.assertThat(c.getSecurityContext().getAllowPrivilegeEscalation())
                        .as("%s privilege escalation", id)
                        .isFalse();
                softly.assertThat(c.getSecurityContext().getCapabilities().getDrop())
                        .as("%s capabilities", id)
                        .containsExactly("ALL");
                softly.assertThat(c.getSecurityContext().getPrivileged())
                        .as("%s privileged", id)
                        .isNotEqualTo(true);
                softly.assertThat(c.getResources().getLimits())
                        .as("%s limits", id)
                        .containsKeys("cpu", "memory");
                softly.assertThat(c.getResources().getRequests())
                        .as("%s requests", id)
                        .containsKeys("cpu", "memory");
                softly.assertThat(path(c.getStartupProbe()))
                        .as("%s startupProbe", id)
                        .isEqualTo("/actuator/health/liveness");
                softly.assertThat(path(c.getLivenessProbe()))
                        .as("%s livenessProbe", id)
                        .isEqualTo("/actuator/health/liveness");
                softly.assertThat(path(c.getReadinessProbe()))
                        .as("%s readinessProbe", id)
                        .isEqualTo("/actuator/health/readiness");
                for (V1Probe probe : List.of(c.getStartupProbe(), c.getLivenessProbe(), c.getReadinessProbe())) {
                    softly.assertThat(probe.getHttpGet().getPort())
                            .as("%s probes the management port", id)
                            .isEqualTo(new IntOrString("management"));
                }
                softly.assertThat(c.getVolumeMounts())
                        .as("%s writable /tmp", id)
                        .anyMatch(m -> "/tmp".equals(m.getMountPath()));
                softly.assertThat(c.getImage())
                        .as("%s image", id)
                        .startsWith(
                                "prod".equals(overlay.name())
                                        ? "registry.example.com/northwind/" + name + ":"
                                        : "northwind/" + name + ":");
                if ("prod".equals(overlay.name())) {
                    softly.assertThat(c.getImage()).as("%s pinned tag", id).doesNotEndWith(":latest");
                }
                for (V1EnvVar env : Objects.requireNonNullElse(c.getEnv(), List.<V1EnvVar>of())) {
                    softly.assertThat(SECRET_NAME.matcher(env.getName()).find() && env.getValue() != null)
                            .as("%s: env %s is a literal; secrets come from a Secret", id, env.getName())
                            .isFalse();
                }
            }
        }
        softly.assertAll();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void gatewayProductAndOrderAutoscaleAndTheAutoscalerOwnsTheirReplicas(RenderedOverlay overlay) {
        List<V2HorizontalPodAutoscaler> hpas =
                overlay.ofKind("HorizontalPodAutoscaler", V2HorizontalPodAutoscaler.class);
        assertThat(hpas)
                .extracting(h -> h.getSpec().getScaleTargetRef().getName())
                .containsExactlyInAnyOrderElementsOf(AUTOSCALED);
        for (V2HorizontalPodAutoscaler hpa : hpas) {
            assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
            assertThat(hpa.getSpec().getMaxReplicas())
                    .isGreaterThanOrEqualTo(hpa.getSpec().getMinReplicas());
            if ("prod".equals(overlay.name())) {
                assertThat(hpa.getSpec().getMinReplicas())
                        .as("prod survives losing a pod")
                        .isGreaterThanOrEqualTo(2);
            }
            V1Deployment target = overlay.find(
                            "Deployment", hpa.getSpec().getScaleTargetRef().getName(), V1Deployment.class)
                    .orElseThrow();
            assertThat(target.getSpec().getReplicas())
                    .as(
                            "%s: no replicas, the autoscaler owns the count",
                            target.getMetadata().getName())
                    .isNull();
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyServiceHasADisruptionBudgetSelectingItsPods(RenderedOverlay overlay) {
        List<V1PodDisruptionBudget> pdbs = overlay.ofKind("PodDisruptionBudget", V1PodDisruptionBudget.class);
        for (V1Deployment deployment : overlay.ofKind("Deployment", V1Deployment.class)) {
            Map<String, String> labels =
                    deployment.getSpec().getTemplate().getMetadata().getLabels();
            assertThat(pdbs)
                    .as("a PodDisruptionBudget for %s", deployment.getMetadata().getName())
                    .anyMatch(pdb -> selects(pdb.getSpec().getSelector(), labels)
                            && (pdb.getSpec().getMaxUnavailable() != null
                                    || pdb.getSpec().getMinAvailable() != null));
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void networkPoliciesDenyEverythingNotDescribed(RenderedOverlay overlay) {
        List<V1NetworkPolicy> policies = overlay.ofKind("NetworkPolicy", V1NetworkPolicy.class);
        V1NetworkPolicy deny = policies.stream()
                .filter(p -> "default-deny-all".equals(p.getMetadata().getName()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no default-deny-all NetworkPolicy"));
        assertThat(deny.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
        assertThat(deny.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
        assertThat(deny.getSpec().getIngress()).isNullOrEmpty();
        assertThat(deny.getSpec().getEgress()).isNullOrEmpty();

        // From outside the namespace: the ingress controller to the gateway's application port, and metric scrapes
        // from `monitoring` to the management port. Nothing else.
        Set<String> fromOutside = new TreeSet<>();
        for (V1NetworkPolicy policy : policies) {
            for (V1NetworkPolicyIngressRule rule :
                    Objects.requireNonNullElse(policy.getSpec().getIngress(), List.<V1NetworkPolicyIngressRule>of())) {
                assertThat(rule.getPorts())
                        .as(
                                "%s: every ingress rule names its ports",
                                policy.getMetadata().getName())
                        .isNotEmpty();
                assertThat(rule.getFrom())
                        .as(
                                "%s: every ingress rule names its sources",
                                policy.getMetadata().getName())
                        .isNotEmpty();
                for (V1NetworkPolicyPeer peer : rule.getFrom()) {
                    assertThat(peer.getIpBlock())
                            .as("no ingress by address range")
                            .isNull();
                    if (peer.getNamespaceSelector() != null) {
                        fromOutside.add(
                                peer.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name")
                                        + "->"
                                        + policy.getSpec().getPodSelector().getMatchLabels() + ":"
                                        + rule.getPorts().stream()
                                                .map(p -> String.valueOf(p.getPort()))
                                                .collect(Collectors.joining(",")));
                    }
                }
            }
        }
        assertThat(fromOutside)
                .containsExactlyInAnyOrder(
                        "ingress-nginx->{app.kubernetes.io/name=gateway-service}:8080",
                        "monitoring->{app.kubernetes.io/component=service}:9080");

        // Only the services with a schema reach PostgreSQL.
        Set<String> postgresClients = overlay.ofKind("Deployment", V1Deployment.class).stream()
                .filter(d -> "true"
                        .equals(d.getSpec()
                                .getTemplate()
                                .getMetadata()
                                .getLabels()
                                .get("northwind.io/uses-postgres")))
                .map(d -> d.getMetadata().getName())
                .collect(Collectors.toSet());
        assertThat(postgresClients).containsExactlyInAnyOrderElementsOf(WITH_A_SCHEMA);
        assertThat(policies)
                .extracting(p -> p.getMetadata().getName())
                .contains(
                        "allow-dns-egress",
                        "services-from-services",
                        "services-to-services",
                        "services-to-postgres",
                        "services-to-redis");
        if ("prod".equals(overlay.name())) {
            for (String name : List.of("services-to-postgres", "services-to-redis")) {
                V1NetworkPolicy egress = overlay.find("NetworkPolicy", name, V1NetworkPolicy.class)
                        .orElseThrow();
                assertThat(egress.getSpec().getEgress().get(0).getTo())
                        .as("%s: prod reaches the managed datastore by address range", name)
                        .allMatch(peer -> peer.getIpBlock() != null && peer.getPodSelector() == null);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void theOnlyWayInIsOneTlsIngressToTheGatewaysApplicationPort(RenderedOverlay overlay) {
        List<V1Ingress> ingresses = overlay.ofKind("Ingress", V1Ingress.class);
        assertThat(ingresses).hasSize(1);
        V1Ingress ingress = ingresses.get(0);
        assertThat(ingress.getSpec().getTls()).isNotEmpty();
        Set<String> tlsHosts = ingress.getSpec().getTls().stream()
                .peek(tls -> assertThat(tls.getSecretName()).isNotBlank())
                .flatMap(tls -> tls.getHosts().stream())
                .collect(Collectors.toSet());
        ingress.getSpec().getRules().forEach(rule -> {
            assertThat(tlsHosts).as("TLS covers %s", rule.getHost()).contains(rule.getHost());
            rule.getHttp().getPaths().forEach(path -> {
                assertThat(path.getBackend().getService().getName()).isEqualTo("gateway-service");
                String port = path.getBackend().getService().getPort().getName();
                V1Service gateway = overlay.find("Service", "gateway-service", V1Service.class)
                        .orElseThrow();
                V1ServicePort servicePort = gateway.getSpec().getPorts().stream()
                        .filter(p -> p.getName().equals(port))
                        .findFirst()
                        .orElseThrow();
                assertThat(servicePort.getTargetPort())
                        .as("never the management port")
                        .isIn(new IntOrString("http"), new IntOrString(8080));
            });
        });
        for (V1Service service : overlay.ofKind("Service", V1Service.class)) {
            assertThat(service.getSpec().getType())
                    .as("%s is internal", service.getMetadata().getName())
                    .isIn(null, "ClusterIP");
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void configMapsHoldNoSecrets(RenderedOverlay overlay) {
        for (V1ConfigMap map : overlay.ofKind("ConfigMap", V1ConfigMap.class)) {
            Objects.requireNonNullElse(map.getData(), Map.<String, String>of()).forEach((key, value) -> {
                assertThat(SECRET_NAME.matcher(key).find())
                        .as(
                                "ConfigMap %s: secret-looking key %s",
                                map.getMetadata().getName(), key)
                        .isFalse();
                assertThat(value)
                        .as("ConfigMap %s: %s", map.getMetadata().getName(), key)
                        .doesNotContain("PRIVATE KEY");
            });
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void servicesMayReachATraceCollectorInMonitoring(RenderedOverlay overlay) {
        V1ConfigMap common = overlay.find("ConfigMap", "northwind-common", V1ConfigMap.class)
                .or(() -> overlay.ofKind("ConfigMap", V1ConfigMap.class).stream()
                        .filter(m -> m.getMetadata().getName().startsWith("northwind-common-"))
                        .findFirst())
                .orElseThrow();
        assertThat(common.getData()).containsKey("TRACING_SAMPLING_PROBABILITY");
        V1NetworkPolicy egress = overlay.find("NetworkPolicy", "services-to-services", V1NetworkPolicy.class)
                .orElseThrow();
        assertThat(egress.getSpec().getEgress())
                .anyMatch(rule -> rule.getTo().stream()
                                .anyMatch(peer -> peer.getNamespaceSelector() != null
                                        && "monitoring"
                                                .equals(peer.getNamespaceSelector()
                                                        .getMatchLabels()
                                                        .get("kubernetes.io/metadata.name")))
                        && rule.getPorts().stream().anyMatch(p -> new IntOrString(9411).equals(p.getPort())));
    }

    @Test
    void prodRendersNoSecretsAndDevGeneratesEveryOneItUses() {
        RenderedOverlay prod = overlays.get(1);
        assertThat(prod.ofKind("Secret"))
                .as("prod secrets are created outside git")
                .isEmpty();
        RenderedOverlay dev = overlays.get(0);
        Set<String> generated =
                dev.ofKind("Secret").stream().map(RenderedOverlay::name).collect(Collectors.toSet());
        Set<String> referenced = new TreeSet<>();
        for (V1Deployment d : dev.ofKind("Deployment", V1Deployment.class)) {
            d.getSpec()
                    .getTemplate()
                    .getSpec()
                    .getContainers()
                    .forEach(c -> c.getEnvFrom().stream()
                            .filter(e -> e.getSecretRef() != null)
                            .forEach(e -> referenced.add(e.getSecretRef().getName())));
        }
        assertThat(generated)
                .as("kustomize rewrote every reference to a generated (hash-suffixed) name")
                .containsAll(referenced);
    }

    @Test
    void noSecretWithARealValueIsCommitted() {
        List<String> tracked = List.of(
                DeployTools.run(DeployTools.REPO, List.of("git", "ls-files")).split("\n"));
        assertThat(tracked)
                .as("git-ignored secret files")
                .noneMatch(f -> f.contains(".secret.") || f.endsWith("/.env") || f.equals(".env"));
        List<String> problems = new ArrayList<>();
        for (String file : tracked) {
            if (!(file.endsWith(".yaml") || file.endsWith(".yml"))
                    || !Files.isRegularFile(DeployTools.REPO.resolve(file))) {
                continue;
            }
            String text = DeployTools.read(DeployTools.REPO.resolve(file));
            if (!text.contains("kind: Secret")) {
                continue;
            }
            for (Map<String, Object> doc : Yaml.documents(text)) {
                if (!"Secret".equals(doc.get("kind"))) {
                    continue;
                }
                for (String field : List.of("data", "stringData")) {
                    Object values = doc.get(field);
                    if (values instanceof Map<?, ?> map) {
                        map.forEach((key, value) -> {
                            if (!String.valueOf(value).toLowerCase().contains("change-me")) {
                                problems.add(file + ": Secret " + key + " is not a change-me placeholder");
                            }
                        });
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theDevOverlaysDatabaseInitScriptIsComposes() {
        assertThat(DeployTools.read(DeployTools.REPO.resolve("k8s/overlays/dev/postgres/init-schemas.sh")))
                .as("copy docker/postgres/init-schemas.sh to k8s/overlays/dev/postgres/")
                .isEqualTo(DeployTools.read(DeployTools.REPO.resolve("docker/postgres/init-schemas.sh")));
    }

    private static String path(V1Probe probe) {
        V1HTTPGetAction get = probe == null ? null : probe.getHttpGet();
        return get == null ? "none" : get.getPath();
    }

    private static boolean selects(V1LabelSelector selector, Map<String, String> labels) {
        return selector.getMatchLabels() != null
                && !selector.getMatchLabels().isEmpty()
                && labels.entrySet().containsAll(selector.getMatchLabels().entrySet());
    }
}
