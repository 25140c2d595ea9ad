package com.northwind.shop.payments.order;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.service.registry.ImportHttpServices;

/**
 * The {@link OrderClient} as an HTTP service group named after its callee: Spring Cloud LoadBalancer picks an
 * order-service instance, {@code spring.http.serviceclient.order-service.*} sets the timeouts,
 * {@code northwind.service-clients.order-service.*} the retries, and the platform adds the service token.
 */
@Configuration(proxyBeanMethods = false)
@ImportHttpServices(group = OrderClientConfiguration.GROUP, types = OrderClient.class)
class OrderClientConfiguration {

    /** The callee's service id: the load balancer's, the service token's audience and the breaker's name. */
    static final String GROUP = "order-service";
}
