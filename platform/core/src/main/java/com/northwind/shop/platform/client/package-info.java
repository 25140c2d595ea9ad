/**
 * Service-to-service HTTP clients: Spring's HTTP service groups ({@code @ImportHttpServices}, one group per callee,
 * named after it) with what every call between our services needs. Spring Cloud LoadBalancer picks the instance, Boot
 * applies {@code spring.http.serviceclient.<group>.*} (timeouts, redirects), and this package adds the service token,
 * bounded retries of idempotent calls, HTTP/1.1 on kept-alive connections, and circuit breakers configured under
 * {@code resilience4j.circuitbreaker.instances.<name>}.
 */
@NullMarked
package com.northwind.shop.platform.client;

import org.jspecify.annotations.NullMarked;
