package com.northwind.shop.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanTests {

    private static final Connections CONNECTIONS =
            new Connections("jdbc:postgresql://localhost:15432/shop", "postgres", "", "localhost", 16379);
    private static final Path JAVA = Path.of("/opt/jdk/bin/java");
    private static final Path LOGS = Path.of(".local/logs");

    private static Plan plan(String... args) {
        return Plan.build(
                Options.parse(List.of(args)),
                CONNECTIONS,
                JAVA,
                service -> Path.of(service.moduleName() + ".jar"),
                LOGS);
    }

    private static Plan plan(Addresses addresses, List<String> jvmFlags, Map<String, String> serviceEnvironment) {
        return Plan.build(
                Options.parse(List.of()),
                CONNECTIONS,
                JAVA,
                service -> Path.of(service.moduleName() + ".jar"),
                LOGS,
                addresses,
                jvmFlags,
                serviceEnvironment);
    }

    private static List<String> names(Plan plan) {
        return plan.processes().stream().map(ProcessSpec::name).toList();
    }

    @Test
    void everythingIsSixJvmsWithTwoProductInstancesAndTheGatewayLast() {
        var plan = plan();

        assertThat(names(plan))
                .containsExactly(
                        "user-service",
                        "product-service-1",
                        "product-service-2",
                        "order-service",
                        "payment-service",
                        "gateway-service");
        assertThat(plan.processes().stream().map(ProcessSpec::port))
                .containsExactly(8081, 8082, 8092, 8083, 8084, 8080);
    }

    @Test
    void productInstancesDifferInPortAndInstanceIdAndOnlyTheFirstLoadsTheDemoCatalog() {
        var first = plan().process("product-service-1").environment();
        var second = plan().process("product-service-2").environment();

        assertThat(first)
                .containsEntry("PORT", "8082")
                .containsEntry("INSTANCE_ID", "product-service-1")
                .containsEntry("SPRING_PROFILES_ACTIVE", "local,demo");
        assertThat(second)
                .containsEntry("PORT", "8092")
                .containsEntry("INSTANCE_ID", "product-service-2")
                .containsEntry("SPRING_PROFILES_ACTIVE", "local");
    }

    @Test
    void servicesGetTheDatabaseAndRedisTheLauncherChose() {
        var env = plan().process("order-service").environment();

        assertThat(env)
                .containsEntry("DB_URL", "jdbc:postgresql://localhost:15432/shop")
                .containsEntry("DB_USERNAME", "postgres")
                .containsEntry("DB_PASSWORD", "")
                .containsEntry("REDIS_HOST", "localhost")
                .containsEntry("REDIS_PORT", "16379")
                .containsEntry("SPRING_PROFILES_ACTIVE", "local");
    }

    @Test
    void theGatewayKnowsBothProductInstancesAndHasNoDatabase() {
        var gateway = plan().process("gateway-service");

        assertThat(gateway.command())
                .endsWith(
                        "--spring.cloud.discovery.client.simple.instances.product-service[0].uri=http://localhost:8082",
                        "--spring.cloud.discovery.client.simple.instances.product-service[1].uri=http://localhost:8092");
        assertThat(gateway.environment()).doesNotContainKey("DB_URL");
    }

    @Test
    void orderServiceBalancesOverBothProductInstancesToo() {
        assertThat(plan().process("order-service").command())
                .endsWith(
                        "--spring.cloud.discovery.client.simple.instances.product-service[0].uri=http://localhost:8082",
                        "--spring.cloud.discovery.client.simple.instances.product-service[1].uri=http://localhost:8092");
    }

    @Test
    void aVariableNamedForOneServiceReachesThatServiceOnly() {
        var plan = plan(
                Addresses.fixed(),
                List.of(),
                Map.of(
                        "REDIS_USERNAME", "everyone",
                        "order-service:REDIS_USERNAME", "order-service",
                        "product-service:REDIS_USERNAME", "product-service"));

        assertThat(plan.process("order-service").environment()).containsEntry("REDIS_USERNAME", "order-service");
        assertThat(plan.process("product-service-1").environment()).containsEntry("REDIS_USERNAME", "product-service");
        assertThat(plan.process("product-service-2").environment()).containsEntry("REDIS_USERNAME", "product-service");
        assertThat(plan.process("payment-service").environment()).containsEntry("REDIS_USERNAME", "everyone");
        assertThat(plan.process("gateway-service").environment()).doesNotContainKey("order-service:REDIS_USERNAME");
    }

    @Test
    void onFreePortsEveryServiceIsToldWhereTheOnesItCallsListen() {
        var addresses = Addresses.free();
        var plan = plan(addresses, List.of("-Xmx256m"), Map.of("RATE_LIMIT_API_RATE", "1000"));
        String users = "http://localhost:" + addresses.port(Service.USER);

        assertThat(plan.processes().stream().map(ProcessSpec::port).distinct()).hasSize(6);
        assertThat(plan.process("order-service").environment())
                .containsEntry("PORT", Integer.toString(addresses.port(Service.ORDER)))
                .containsEntry("JWT_JWKS_URI", users + "/.well-known/jwks.json")
                .containsEntry("SERVICE_TOKEN_URI", users + "/api/auth/token")
                .containsEntry("RATE_LIMIT_API_RATE", "1000");
        assertThat(plan.process("order-service").command())
                .contains("-Xmx256m")
                .contains("--spring.cloud.discovery.client.simple.instances.product-service[1].uri=http://localhost:"
                        + addresses.secondProductPort());
        assertThat(plan.process("gateway-service").environment())
                .containsEntry("USER_SERVICE_URI_0", users)
                .containsEntry("ORDER_SERVICE_URI_0", "http://localhost:" + addresses.port(Service.ORDER))
                .containsEntry("PAYMENT_SERVICE_URI_0", "http://localhost:" + addresses.port(Service.PAYMENT));
        assertThat(plan.process("payment-service").environment())
                .containsEntry("ORDER_SERVICE_URL", "http://localhost:" + addresses.port(Service.ORDER));
    }

    @Test
    void userServiceKnowsTheSecretEachClientServiceIsGiven() {
        var plan = plan();
        var users = plan.process("user-service").environment();

        assertThat(plan.process("order-service").environment().get("SERVICE_CLIENT_SECRET"))
                .hasSizeGreaterThan(30)
                .isEqualTo(users.get("ORDER_SERVICE_CLIENT_SECRET"));
        assertThat(plan.process("payment-service").environment().get("SERVICE_CLIENT_SECRET"))
                .isEqualTo(users.get("PAYMENT_SERVICE_CLIENT_SECRET"))
                .isNotEqualTo(users.get("ORDER_SERVICE_CLIENT_SECRET"));
        assertThat(plan.process("product-service-1").environment().get("SERVICE_CLIENT_SECRET"))
                .isEqualTo(users.get("PRODUCT_SERVICE_CLIENT_SECRET"));
        assertThat(plan.process("gateway-service").environment()).doesNotContainKey("SERVICE_CLIENT_SECRET");
    }

    @Test
    void userServiceBootstrapsTheDemoAdminUnlessDemoDataIsOff() {
        assertThat(plan().process("user-service").environment())
                .containsEntry("BOOTSTRAP_ADMIN_EMAIL", DemoData.ADMIN_EMAIL)
                .containsEntry("BOOTSTRAP_ADMIN_PASSWORD", DemoData.ADMIN_PASSWORD);
        assertThat(plan("--no-demo").process("user-service").environment()).doesNotContainKey("BOOTSTRAP_ADMIN_EMAIL");
        assertThat(plan("--no-demo").process("product-service-1").environment())
                .containsEntry("SPRING_PROFILES_ACTIVE", "local");
    }

    @Test
    void everyServiceRunsOnTheGivenJavaWithFixedHeapAndLogsToItsOwnFile() {
        var order = plan().process("order-service");

        assertThat(order.command().getFirst()).isEqualTo(JAVA.toString());
        assertThat(order.command()).contains("-Xmx384m").containsSubsequence("-jar", "order-service.jar");
        assertThat(order.log()).isEqualTo(LOGS.resolve("order-service.log"));
    }

    @Test
    void aNamedServiceStartsAloneWithOneProductInstanceAtMost() {
        assertThat(names(plan("order-service"))).containsExactly("order-service");
        assertThat(names(plan("product-service"))).containsExactly("product-service");
    }

    @Test
    void withDepsAddsTheServicesItCallsTransitively() {
        assertThat(names(plan("order-service", "--with-deps")))
                .containsExactly("user-service", "product-service", "order-service");
        assertThat(names(plan("payment-service", "--with-deps")))
                .containsExactly("user-service", "product-service", "order-service", "payment-service");
        assertThat(names(plan("gateway-service", "--with-deps"))).hasSize(6);
    }

    @Test
    void aMovedStackKeepsTheOffsetsTellsEveryServiceWhereTheOthersAreAndUsesTheGivenJvmFlags() {
        var settings = StackSettings.fromEnvironment(java.util.Map.of(
                "LOCAL_STACK_PORT_BASE", "18600", "LOCAL_STACK_JVM_FLAGS", "-Xms512m  -Xmx512m -XX:+UseSerialGC"));
        var plan = plan(settings.addresses(), settings.jvmFlags(), java.util.Map.of());

        assertThat(plan.processes().stream().map(ProcessSpec::port))
                .containsExactly(18601, 18602, 18612, 18603, 18604, 18600);
        assertThat(plan.process("order-service").environment())
                .containsEntry("PORT", "18603")
                .containsEntry("JWT_JWKS_URI", "http://localhost:18601/.well-known/jwks.json")
                .containsEntry("SERVICE_TOKEN_URI", "http://localhost:18601/api/auth/token");
        assertThat(plan.process("gateway-service").environment())
                .containsEntry("USER_SERVICE_URI_0", "http://localhost:18601")
                .containsEntry("ORDER_SERVICE_URI_0", "http://localhost:18603")
                .containsEntry("PAYMENT_SERVICE_URI_0", "http://localhost:18604");
        assertThat(plan.process("gateway-service").command())
                .containsSequence("/opt/jdk/bin/java", "-Xms512m", "-Xmx512m", "-XX:+UseSerialGC", "-jar")
                .endsWith(
                        "--spring.cloud.discovery.client.simple.instances.product-service[0].uri=http://localhost:18602",
                        "--spring.cloud.discovery.client.simple.instances.product-service[1].uri=http://localhost:18612");
    }

    @Test
    void withoutSettingsTheStackUsesTheStandardPortsAndQuickStartingJvms() {
        var settings = StackSettings.fromEnvironment(java.util.Map.of());

        assertThat(settings).isEqualTo(StackSettings.DEFAULT);
        assertThat(settings.jvmFlags()).contains("-XX:TieredStopAtLevel=1");
        assertThat(settings.addresses()).isEqualTo(Addresses.fixed());
    }

    @Test
    void aPortBaseThatPushesAServiceOutOfRangeIsRefused() {
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> StackSettings.fromEnvironment(java.util.Map.of("LOCAL_STACK_PORT_BASE", "65530")))
                .withMessageContaining("LOCAL_STACK_PORT_BASE");
    }
}
