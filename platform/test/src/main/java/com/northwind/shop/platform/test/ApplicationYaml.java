package com.northwind.shop.platform.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/** The service's own {@code application.yml}, without starting the application. */
public final class ApplicationYaml {

    private ApplicationYaml() {}

    /**
     * An environment holding the system properties, environment variables and the service's {@code application.yml}
     * (placeholders resolve to their defaults), e.g. to build a component exactly as configured in a unit test.
     */
    public static StandardEnvironment environment() {
        StandardEnvironment environment = new StandardEnvironment();
        try {
            new YamlPropertySourceLoader()
                    .load("application.yml", new ClassPathResource("application.yml"))
                    .forEach(environment.getPropertySources()::addLast);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return environment;
    }
}
