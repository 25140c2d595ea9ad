package com.northwind.shop.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Adds the settings every service shares (timeouts, actuator, graceful shutdown, JPA and Flyway rules) as the
 * lowest-precedence property source, so a service's own {@code application.yml} and environment variables override
 * any of them. JSON logs (ECS) are on unless the {@code local} profile is active or
 * {@code northwind.logging.json=false}. Spans are exported (Zipkin JSON over HTTP) only when
 * {@code TRACING_EXPORT_ENDPOINT} (or {@code management.tracing.export.zipkin.endpoint}) names a receiver; otherwise
 * traces still propagate (W3C {@code traceparent}) and show up in logs and problem details, but nothing is sent.
 */
public class PlatformDefaults implements EnvironmentPostProcessor, Ordered {

    /** After config data, so that active profiles are known; before logging is set up. */
    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 11;

    /** The URL spans are POSTed to (Zipkin v2 JSON), e.g. {@code http://jaeger:9411/api/v2/spans}; unset = none. */
    public static final String TRACING_EXPORT_ENDPOINT = "TRACING_EXPORT_ENDPOINT";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        ClassLoader classLoader = application.getClassLoader();
        add(environment, "northwind-defaults.yml");
        if (ClassUtils.isPresent("org.springframework.jdbc.core.JdbcTemplate", classLoader)) {
            add(environment, "northwind-defaults-jdbc.yml");
        }
        if (ClassUtils.isPresent("io.lettuce.core.RedisClient", classLoader)) {
            add(environment, "northwind-defaults-redis.yml");
        }
        environment
                .getPropertySources()
                .addLast(new MapPropertySource("northwind-tracing-export", tracingExport(environment)));
        boolean json =
                environment.getProperty("northwind.logging.json", Boolean.class, !environment.matchesProfiles("local"));
        if (json) {
            environment
                    .getPropertySources()
                    .addLast(new MapPropertySource(
                            "northwind-structured-logging", Map.of("logging.structured.format.console", "ecs")));
        }
    }

    private static Map<String, Object> tracingExport(ConfigurableEnvironment environment) {
        String endpoint = environment.getProperty(
                "management.tracing.export.zipkin.endpoint", environment.getProperty(TRACING_EXPORT_ENDPOINT, ""));
        if (StringUtils.hasText(endpoint)) {
            return Map.of("management.tracing.export.zipkin.endpoint", endpoint.strip());
        }
        // Boot would otherwise send every span to localhost:9411 and log each failure.
        return Map.of("management.tracing.export.zipkin.enabled", "false");
    }

    private static void add(ConfigurableEnvironment environment, String name) {
        try {
            for (PropertySource<?> source : new YamlPropertySourceLoader().load(name, new ClassPathResource(name))) {
                environment.getPropertySources().addLast(source);
            }
        } catch (IOException ex) {
            throw new UncheckedIOException("Cannot read platform defaults " + name, ex);
        }
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
