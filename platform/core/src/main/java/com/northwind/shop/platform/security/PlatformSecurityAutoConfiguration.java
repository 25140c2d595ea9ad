package com.northwind.shop.platform.security;

import com.northwind.shop.platform.security.servlet.ServletSecurityConfiguration;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Token verification for every service, and the Spring Security chain for MVC services that have Spring Security.
 * Runs before Boot's security auto-configuration so that Boot's default chain and generated user back off.
 */
@AutoConfiguration(
        beforeName = {
            "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration"
        })
@EnableConfigurationProperties({JwtProperties.class, ServiceTokenProperties.class})
@Import(ServletSecurityConfiguration.class)
public class PlatformSecurityAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(VerificationKeys.class)
    JwksVerificationKeys jwksVerificationKeys(JwtProperties properties, ObjectProvider<Clock> clock) {
        return new JwksVerificationKeys(properties, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    @ConditionalOnMissingBean
    JwtVerifier jwtVerifier(JwtProperties properties, VerificationKeys keys, ObjectProvider<Clock> clock) {
        return new JwtVerifier(properties, keys, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(
            prefix = "northwind.security.service-client",
            name = {"client-id", "client-secret"})
    ServiceTokenClient serviceTokenClient(ServiceTokenProperties properties, ObjectProvider<Clock> clock) {
        return new ServiceTokenClient(properties, clock.getIfAvailable(Clock::systemUTC));
    }
}
