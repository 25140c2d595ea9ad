package com.northwind.shop.platform.client;

import com.northwind.shop.platform.security.ServiceTokenClient;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.net.http.HttpClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.http.client.JdkClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.autoconfigure.ClientHttpRequestFactoryBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.client.support.RestClientHttpServiceGroupConfigurer;

/** The platform's part of every service-to-service client; see the package description. */
@AutoConfiguration
public class ServiceClientAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({RestClientHttpServiceGroupConfigurer.class, JdkClientHttpRequestFactoryBuilder.class})
    static class HttpServiceGroups {

        @Bean
        ServiceClientGroupConfigurer northwindServiceClientGroupConfigurer(
                Environment environment, ObjectProvider<ServiceTokenClient> tokens) {
            return new ServiceClientGroupConfigurer(ServiceClientSettings.of(environment), tokens);
        }

        /**
         * Plain HTTP/1.1 on kept-alive pooled connections: the JDK client's default (HTTP/2) offers an h2c upgrade
         * that Tomcat declines, on every new connection.
         */
        @Bean
        ClientHttpRequestFactoryBuilderCustomizer<JdkClientHttpRequestFactoryBuilder> northwindHttp11() {
            return new Http11();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(CircuitBreakerRegistry.class)
    static class Breakers {

        @Bean
        @ConditionalOnMissingBean
        CircuitBreakerRegistry circuitBreakerRegistry(Environment environment) {
            return CircuitBreakers.registry(environment);
        }
    }

    static final class Http11 implements ClientHttpRequestFactoryBuilderCustomizer<JdkClientHttpRequestFactoryBuilder> {

        @Override
        public JdkClientHttpRequestFactoryBuilder customize(JdkClientHttpRequestFactoryBuilder builder) {
            return builder.withHttpClientCustomizer(client -> client.version(HttpClient.Version.HTTP_1_1));
        }
    }
}
