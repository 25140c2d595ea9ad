package com.northwind.shop.platform.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.ContextConfiguration;

/**
 * Runs a Spring test against the real PostgreSQL and Redis of {@link TestInfrastructure}: put it next to
 * {@code @SpringBootTest}. Nothing at the database or cache boundary is mocked. Token verification is pointed at the
 * JWKS of {@link TestTokens#get()}, so tests authenticate with real signed tokens.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ContextConfiguration(initializers = RealInfrastructureInitializer.class)
public @interface RealInfrastructure {}
