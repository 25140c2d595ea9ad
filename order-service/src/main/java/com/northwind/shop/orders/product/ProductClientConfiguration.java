package com.northwind.shop.orders.product;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.service.registry.ImportHttpServices;

/**
 * The {@link ProductClient} as an HTTP service group named after its callee: Spring Cloud LoadBalancer picks a
 * product-service instance, {@code spring.http.serviceclient.product-service.*} sets the timeouts,
 * {@code northwind.service-clients.product-service.*} the retries, and the platform adds the service token.
 */
@Configuration(proxyBeanMethods = false)
@ImportHttpServices(group = ProductClientConfiguration.GROUP, types = ProductClient.class)
class ProductClientConfiguration {

    /** The callee's service id: the load balancer's, the service token's audience and the breaker's name. */
    static final String GROUP = "product-service";
}
