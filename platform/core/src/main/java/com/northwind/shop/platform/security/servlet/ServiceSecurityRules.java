package com.northwind.shop.platform.security.servlet;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * A service's own authorization rules, declared as a bean and applied by the platform's security chain after the
 * platform's rules (actuator, OpenAPI and {@code /internal/**}) and before the final "everything else needs a token".
 *
 * <pre>{@code
 * @Bean
 * ServiceSecurityRules productRules() {
 *     return rules -> rules
 *             .requestMatchers(HttpMethod.GET, "/api/products/**").permitAll()
 *             .requestMatchers("/api/admin/**").hasRole("ADMIN");
 * }
 * }</pre>
 */
@FunctionalInterface
public interface ServiceSecurityRules {

    void apply(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules);
}
