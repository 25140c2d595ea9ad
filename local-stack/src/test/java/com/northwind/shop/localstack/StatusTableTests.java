package com.northwind.shop.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatusTableTests {

    @Test
    void alignsNamePidPortAndStateInColumns() {
        var table = StatusTable.render(List.of(
                new StatusTable.Row("postgres", "-", 5432, "external", "jdbc:postgresql://localhost:5432/shop"),
                new StatusTable.Row("product-service-2", "4242", 8092, "DIED (exit 1)", ".local/logs/p.log")));

        assertThat(table.lines())
                .containsExactly(
                        "  process                pid   port  state",
                        "  postgres                 -   5432  external       jdbc:postgresql://localhost:5432/shop",
                        "  product-service-2     4242   8092  DIED (exit 1)  .local/logs/p.log");
    }
}
