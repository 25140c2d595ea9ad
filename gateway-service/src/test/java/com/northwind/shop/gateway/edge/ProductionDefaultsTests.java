package com.northwind.shop.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/** What the shipped configuration means where a deployment sets nothing (issue #18, finding 11). */
class ProductionDefaultsTests {

    @Test
    void allowsNoCrossOriginCallerUnlessOriginsAreConfigured() throws IOException {
        StandardEnvironment deployed = environment(Map.of(), "application.yml");

        assertThat(deployed.getProperty("northwind.gateway.cors.allowed-origins"))
                .isEmpty();
    }

    @Test
    void allowsTheDevServersInLocalRunsOnly() throws IOException {
        StandardEnvironment local = environment(Map.of(), "application-local.yml", "application.yml");

        assertThat(local.getProperty("northwind.gateway.cors.allowed-origins")).contains("http://localhost:3000");
    }

    @Test
    void switchesTheApiDocumentsOffWithOneVariable() throws IOException {
        StandardEnvironment on = environment(Map.of(), "northwind-defaults.yml");
        StandardEnvironment off = environment(Map.of("API_DOCS_ENABLED", "false"), "northwind-defaults.yml");

        assertThat(on.getProperty("springdoc.api-docs.enabled", Boolean.class)).isTrue();
        assertThat(off.getProperty("springdoc.api-docs.enabled", Boolean.class)).isFalse();
        assertThat(off.getProperty("springdoc.swagger-ui.enabled", Boolean.class))
                .isFalse();
    }

    /** The files in precedence order, with the given variables instead of the machine's environment. */
    private static StandardEnvironment environment(Map<String, Object> variables, String... files) throws IOException {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().addFirst(new MapPropertySource("variables", variables));
        YamlPropertySourceLoader loader = new YamlPropertySourceLoader();
        for (String file : files) {
            loader.load(file, new ClassPathResource(file))
                    .forEach(source -> environment.getPropertySources().addLast(source));
        }
        return environment;
    }
}
