package com.northwind.shop.platform.security.servlet;

import com.northwind.shop.platform.security.JwtVerifier;
import com.northwind.shop.platform.web.TraceIds;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderNotFoundException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * The security chain of every Spring MVC service that has {@code spring-boot-starter-security}: stateless, no
 * sessions, no CSRF (no cookies are used), no form or basic login; authentication only by an access or service token
 * in the {@code Authorization: Bearer} header. Health, info, Prometheus and the OpenAPI pages are public;
 * {@code /internal/**} needs a service token for this service from a client that an {@link InternalEndpoint} bean
 * names for the path (any other internal path is refused); the service's {@link ServiceSecurityRules} come next, and
 * everything else needs a valid token.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(SecurityFilterChain.class)
@EnableWebSecurity
public class ServletSecurityConfiguration {

    /** Paths every service leaves open: probes, metrics scraping and API documentation. */
    public static final String[] PUBLIC_PATHS = {
        "/actuator/health",
        "/actuator/health/**",
        "/actuator/info",
        "/actuator/prometheus",
        "/v3/api-docs",
        "/v3/api-docs/**",
        "/v3/api-docs.yaml",
        "/swagger-ui.html",
        "/swagger-ui/**",
        "/error"
    };

    /**
     * Spring Security would otherwise time each filter of its chain and each authorization decision as observations of
     * their own (timers and spans): about a tenth of a cached catalog read's CPU in product-service's profile, and on
     * every hop of a checkout, for nothing that {@code http.server.requests} and the request's span do not already
     * show. The rules apply all the same.
     */
    @Bean
    @ConditionalOnMissingBean(SecurityObservationSettings.class)
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    ProblemSecurityHandlers problemSecurityHandlers(TraceIds traceIds) {
        return new ProblemSecurityHandlers(traceIds);
    }

    /** Keeps Boot from creating an in-memory user with a generated password: there are no passwords here. */
    @Bean
    @ConditionalOnMissingBean(AuthenticationManager.class)
    AuthenticationManager bearerOnlyAuthenticationManager() {
        return authentication -> {
            throw new ProviderNotFoundException("Only bearer tokens are accepted");
        };
    }

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain platformSecurityFilterChain(
            HttpSecurity http,
            JwtVerifier verifier,
            ProblemSecurityHandlers handlers,
            ObjectProvider<ServiceSecurityRules> serviceRules,
            ObjectProvider<InternalEndpoint> internalEndpoints)
            throws Exception {
        http.csrf(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .exceptionHandling(exceptions ->
                        exceptions.authenticationEntryPoint(handlers).accessDeniedHandler(handlers))
                .addFilterBefore(new BearerTokenFilter(verifier, handlers), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(rules -> {
                    rules.requestMatchers(PUBLIC_PATHS).permitAll();
                    // Before the service's rules, which may open paths broadly (product-service: every GET).
                    internalEndpoints
                            .orderedStream()
                            .forEach(endpoint -> rules.requestMatchers(endpoint.pattern())
                                    .access(new InternalCallerAuthorization(endpoint.clients())));
                    rules.requestMatchers("/internal/**").denyAll();
                    serviceRules.orderedStream().forEach(service -> service.apply(rules));
                    rules.anyRequest().authenticated();
                });
        return http.build();
    }
}
