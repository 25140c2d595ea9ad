package com.northwind.shop.bench.baregateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A gateway with nothing but the route in its configuration: the ceiling that gateway-service's own work (filters,
 * Redis rate limit, circuit breaker, load balancing) is measured against.
 */
@SpringBootApplication
public class BareGatewayApplication {

    public static void main(String[] args) {
        SpringApplication.run(BareGatewayApplication.class, args);
    }
}
