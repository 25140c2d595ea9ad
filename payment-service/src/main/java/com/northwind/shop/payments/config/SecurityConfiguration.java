package com.northwind.shop.payments.config;

import com.northwind.shop.platform.security.servlet.ServiceSecurityRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;

/** Who may call what; the platform's chain adds actuator, OpenAPI, {@code /internal/**} and "token required". */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    ServiceSecurityRules paymentRules() {
        return rules -> rules.requestMatchers(HttpMethod.POST, "/api/payments/*/refunds")
                .hasRole("ADMIN")
                .requestMatchers("/api/payments", "/api/payments/**")
                .hasAnyRole("CUSTOMER", "ADMIN")
                // No handler exists outside /api/**: answer such paths 404 rather than 401.
                .requestMatchers(new NegatedRequestMatcher(
                        PathPatternRequestMatcher.withDefaults().matcher("/api/**")))
                .permitAll();
    }
}
