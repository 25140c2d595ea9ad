package com.northwind.shop.gateway.routing;

import io.netty.channel.ChannelOption;
import java.time.Duration;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;

/**
 * The instances a route balances over: those of the discovery client (a static list from configuration locally and
 * in compose; Kubernetes service DNS names there) that answered their last health check
 * ({@code spring.cloud.loadbalancer.health-check.*}: path, interval). Not a {@code @Configuration}: Spring Cloud
 * LoadBalancer instantiates it once per service in that service's own child context.
 *
 * <p>The probe client is built here, with its own short timeouts, rather than taken from a shared
 * {@code WebClient.Builder}: a hung instance must not hold a health check longer than its interval, and the
 * gateway has no other use for a builder.
 */
class HealthCheckedInstances {

    @Bean
    ServiceInstanceListSupplier serviceInstanceListSupplier(ConfigurableApplicationContext context) {
        HttpClient http = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 1000)
                .responseTimeout(Duration.ofSeconds(2));
        WebClient probe = WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(http))
                .build();
        return ServiceInstanceListSupplier.builder()
                .withDiscoveryClient()
                .withHealthChecks(probe)
                .build(context);
    }
}
