package com.northwind.shop.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.northwind.shop.platform.test.MigrationCopies;
import java.util.List;
import org.junit.jupiter.api.Test;

class MigrationCopiesTests {

    private final List<String> events = MigrationCopies.statementsOf(MigrationCopies.EVENTS);
    private final List<String> idempotency = MigrationCopies.statementsOf(MigrationCopies.IDEMPOTENCY);

    @Test
    void readsThePlatformsDefinitions() {
        assertThat(events)
                .anyMatch(s -> s.startsWith("CREATE TABLE outbox_events"))
                .anyMatch(s -> s.startsWith("CREATE TABLE processed_events"));
        assertThat(idempotency).anyMatch(s -> s.startsWith("CREATE TABLE idempotency_records("));
    }

    @Test
    void aCopyMayDifferInCommentsWhitespaceAndPlace() {
        List<String> copy = MigrationCopies.statements(
                """
                -- Copied from the platform.
                CREATE TABLE reviews (id uuid PRIMARY KEY);
                """ + String.join(";\n\n  ", idempotency).replace("(", "(\n    ") + ";");
        MigrationCopies.assertCopied(copy, idempotency, "idempotency_records");
    }

    @Test
    void aCopyThatDriftedFails() {
        List<String> drifted = idempotency.stream()
                .map(s -> s.replace("varchar(100)", "varchar(64)"))
                .toList();
        assertThatThrownBy(() -> MigrationCopies.assertCopied(drifted, idempotency, "idempotency_records"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("idempotency_records");
        List<String> missingIndex = events.subList(0, events.size() - 1);
        assertThatThrownBy(() -> MigrationCopies.assertCopied(missingIndex, events, "the outbox"))
                .isInstanceOf(AssertionError.class);
    }
}
