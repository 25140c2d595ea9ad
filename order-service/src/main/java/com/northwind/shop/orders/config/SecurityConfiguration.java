package com.northwind.shop.orders.config;

import com.northwind.shop.platform.security.servlet.InternalEndpoint;
import com.northwind.shop.platform.security.servlet.ServiceSecurityRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;

/** Who may call what; the platform's chain adds actuator, OpenAPI, {@code /internal/**} and "token required". */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /** payment-service checks an order before charging it; no other service reads orders. */
    @Bean
    InternalEndpoint internalOrders() {
        return InternalEndpoint.of("/internal/orders/**", "payment-service");
    }

    @Bean
    ServiceSecurityRules orderRules() {
        return rules -> rules.requestMatchers("/api/admin/**")
                .hasRole("ADMIN")
                .requestMatchers(HttpMethod.POST, "/api/orders/*/ship", "/api/orders/*/deliver")
                .hasRole("ADMIN")
                // Guests have carts too (X-Cart-Token); the controller tells a user's call from a guest's.
                .requestMatchers("/api/cart", "/api/cart/**")
                .permitAll()
                .requestMatchers("/api/orders", "/api/orders/**")
                .hasAnyRole("CUSTOMER", "ADMIN")
                // No handler exists outside /api/** (the platform already ruled actuator, OpenAPI and /internal/**):
                // answer such paths 404 rather than 401, so a client learns it has the wrong URL, not a bad token.
                .requestMatchers(new NegatedRequestMatcher(
                        PathPatternRequestMatcher.withDefaults().matcher("/api/**")))
                .permitAll();
    }
}
