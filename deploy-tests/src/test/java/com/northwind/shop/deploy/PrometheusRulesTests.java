package com.northwind.shop.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Prometheus' own checker over the compose profile's configuration and every rules file in docker/prometheus/rules
 * (whoever adds one): syntax, PromQL and templates. That the metrics exist is container-tests' job.
 */
class PrometheusRulesTests {

    private static final Path RULES = DeployTools.REPO.resolve("docker/prometheus/rules");

    @Test
    void everyRulesFileAndTheConfigurationPassPromtool() {
        Path promtool = DeployTools.promtool();
        List<String> files = DeployTools.files(RULES).stream()
                .filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml"))
                .map(Path::toString)
                .sorted()
                .toList();
        assertThat(files).isNotEmpty();
        List<String> command = new ArrayList<>(List.of(promtool.toString(), "check", "rules"));
        command.addAll(files);
        assertThat(DeployTools.run(DeployTools.REPO, command)).contains("SUCCESS");
        DeployTools.run(
                DeployTools.REPO, List.of(promtool.toString(), "check", "config", "docker/prometheus/prometheus.yml"));
    }

    @Test
    void theAlertsTheRunbookNamesAreThere() {
        String rules = DeployTools.read(RULES.resolve("northwind.yml"));
        assertThat(rules)
                .contains(
                        "alert: NorthwindHigh5xxRate",
                        "alert: NorthwindHighP99Latency",
                        "alert: NorthwindCircuitBreakerOpen",
                        "alert: NorthwindInstanceDown");
    }

    @Test
    void theSagaAlertsWatchLagPendingAgeOutboxAgeAndDeadLettersByTheNamesTheServicesExport() {
        // Issue #16: alerts on lag, age and dead letters, on the series order-service's OrdersServiceTests finds in
        // its /actuator/prometheus (a time gauge gets _seconds, a counter _total): an alert on a name nobody
        // exports would never fire.
        String rules = DeployTools.read(RULES.resolve("saga.yml"));
        assertThat(rules)
                .contains(
                        "alert: SagaConsumerLagging",
                        "(shop_events_consumer_lag)",
                        "alert: SagaPendingEntryStuck",
                        "(shop_events_pending_oldest_age_seconds)",
                        "alert: SagaOutboxNotPublishing",
                        "(shop_outbox_oldest_age_seconds)",
                        "alert: SagaDeadLetters",
                        "(shop_events_dead_letters)",
                        "alert: SagaDeterministicHandlerFailures",
                        "shop_events_handler_failures_total{kind=\"deterministic\"}");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theKubernetesPrometheusRuleCarriesTheSameAlerts() {
        // Every rules file's groups, files in name order: the saga alerts (consumer lag, dead letters) as well.
        List<Object> groups = new ArrayList<>();
        DeployTools.files(RULES).stream()
                .filter(f -> f.toString().endsWith(".yml"))
                .sorted()
                .forEach(f -> groups.addAll((List<Object>) Yaml.file(f).get("groups")));
        assertThat(groups).hasSizeGreaterThan(1);
        Map<String, Object> rule = Yaml.file(DeployTools.REPO.resolve("k8s/components/monitoring/prometheusrule.yaml"));
        assertThat(rule.get("kind")).isEqualTo("PrometheusRule");
        assertThat(((Map<String, Object>) rule.get("spec")).get("groups")).isEqualTo(groups);
        String kustomization =
                DeployTools.read(DeployTools.REPO.resolve("k8s/components/monitoring/kustomization.yaml"));
        assertThat(kustomization).contains("kind: Component", "servicemonitor.yaml", "prometheusrule.yaml");
    }
}
