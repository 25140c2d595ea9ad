package com.northwind.shop.products.config;

import com.northwind.shop.platform.security.servlet.InternalEndpoint;
import com.northwind.shop.platform.security.servlet.ServiceSecurityRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Who may do what, on top of the platform's chain (which lets only service tokens issued for product-service into
 * {@code /internal/**}, and only from the clients an {@link InternalEndpoint} names): reservations and the cart's
 * product reads serve order-service alone, reading the catalog is public, changing it needs the {@code ADMIN} role.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /** Stock is reserved, confirmed and released for orders: by order-service, nobody else. */
    @Bean
    InternalEndpoint reservations() {
        return InternalEndpoint.of("/internal/reservations/**", "order-service");
    }

    /** Several products at once, for the cart: order-service alone. */
    @Bean
    InternalEndpoint productReads() {
        return InternalEndpoint.of("/internal/products", "order-service");
    }

    @Bean
    ServiceSecurityRules catalogRules() {
        return rules -> rules
                // Every GET of this service outside /internal/** is a public catalog read (a test holds every GET
                // mapping to that); unknown paths thus answer 404 rather than 401.
                .requestMatchers(HttpMethod.GET, "/**")
                .permitAll()
                .requestMatchers(HttpMethod.HEAD, "/**")
                .permitAll()
                .requestMatchers("/api/products", "/api/products/**")
                .hasRole("ADMIN");
    }
}
