package com.northwind.shop.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.junit.jupiter.api.Test;

class OptionsTests {

    @Test
    void noArgumentsMeansEverythingWithDemoData() {
        var options = Options.parse(List.of());

        assertThat(options.services()).isEmpty();
        assertThat(options.withDeps()).isFalse();
        assertThat(options.demoData()).isTrue();
        assertThat(options.help()).isFalse();
    }

    @Test
    void readsServicesAndFlagsInAnyOrder() {
        var options = Options.parse(List.of("order-service", "--with-deps", "payment-service", "--no-demo"));

        assertThat(options.services()).containsExactlyInAnyOrder(Service.ORDER, Service.PAYMENT);
        assertThat(options.withDeps()).isTrue();
        assertThat(options.demoData()).isFalse();
    }

    @Test
    void rejectsUnknownArgumentsNamingThemWithTheUsage() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Options.parse(List.of("order", "--fast")))
                .withMessageContaining("unknown argument(s): order, --fast")
                .withMessageContaining("usage: bin/run-all");
    }

    @Test
    void recognisesHelp() {
        assertThat(Options.parse(List.of("-h")).help()).isTrue();
        assertThat(Options.parse(List.of("--help")).help()).isTrue();
    }
}
