package com.northwind.shop.platform.test;

import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points the application under test at {@link TestInfrastructure} and at the JWKS of {@link TestTokens}, ahead of every
 * other property source.
 */
public class RealInfrastructureInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestInfrastructure infrastructure = TestInfrastructure.get();
        TestInfrastructure.Postgres postgres = infrastructure.postgres();
        TestInfrastructure.Redis redis = infrastructure.redis();
        context.getEnvironment()
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "test-infrastructure",
                        Map.of(
                                "spring.datasource.url", postgres.jdbcUrl(),
                                "spring.datasource.username", postgres.username(),
                                "spring.datasource.password", postgres.password(),
                                "spring.data.redis.host", redis.host(),
                                "spring.data.redis.port", redis.port(),
                                "northwind.redis.key-prefix", redis.keyPrefix(),
                                "northwind.security.jwt.jwks-uri",
                                        TestTokens.get().jwksUri().toString())));
    }
}
