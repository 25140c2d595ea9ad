package com.northwind.shop.gateway.routing;

import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.context.annotation.Configuration;

/** Every service is balanced round-robin over its health-checked instances (see {@link HealthCheckedInstances}). */
@Configuration(proxyBeanMethods = false)
@LoadBalancerClients(defaultConfiguration = HealthCheckedInstances.class)
class LoadBalancing {}
