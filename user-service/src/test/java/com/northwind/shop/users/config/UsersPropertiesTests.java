package com.northwind.shop.users.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UsersPropertiesTests {

    @Test
    void refusesServiceClientSecretsShorterThan32Characters() {
        assertThatThrownBy(() -> clients(Map.of("order-service", "a".repeat(31))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("order-service")
                .hasMessageContaining("32");
        assertThatCode(() -> clients(Map.of("order-service", "a".repeat(32)))).doesNotThrowAnyException();
    }

    @Test
    void blankSecretStillDisablesTheClient() {
        assertThat(clients(Map.of("payment-service", ""))
                        .serviceClients()
                        .get("payment-service")
                        .enabled())
                .isFalse();
    }

    @Test
    void refreshFamiliesEndAfterThirtyDaysByDefault() {
        assertThat(clients(Map.of()).tokens().refreshFamilyLifetime()).hasDays(30);
    }

    private static UsersProperties clients(Map<String, String> secrets) {
        Map<String, UsersProperties.ServiceClient> clients = new java.util.HashMap<>();
        secrets.forEach((client, secret) -> clients.put(client, new UsersProperties.ServiceClient(secret, Set.of())));
        return new UsersProperties(null, null, clients, null, null);
    }
}
