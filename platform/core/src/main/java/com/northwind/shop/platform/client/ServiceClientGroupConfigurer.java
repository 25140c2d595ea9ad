package com.northwind.shop.platform.client;

import com.northwind.shop.platform.security.ServiceTokenClient;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientHttpServiceGroupConfigurer;

/**
 * Gives every HTTP service group (one per callee, named after its service id) the retry of idempotent calls and the
 * service token for that callee. Ordered after Boot's properties configurer (base URL, timeouts) and before Spring
 * Cloud LoadBalancer's (order 10), so the retry is the outermost interceptor and every attempt picks an instance
 * and a (possibly renewed) token again.
 */
final class ServiceClientGroupConfigurer implements RestClientHttpServiceGroupConfigurer {

    static final int ORDER = 0;

    private final Map<String, ServiceClientSettings> settings;
    private final ObjectProvider<ServiceTokenClient> tokens;

    ServiceClientGroupConfigurer(
            Map<String, ServiceClientSettings> settings, ObjectProvider<ServiceTokenClient> tokens) {
        this.settings = settings;
        this.tokens = tokens;
    }

    @Override
    public void configureGroups(Groups<RestClient.Builder> groups) {
        groups.forEachClient((group, builder) -> {
            ServiceClientSettings retry = ServiceClientSettings.of(settings, group.name());
            builder.requestInterceptor(new IdempotentRetryInterceptor(retry.maxAttempts(), retry.retryMethods()));
            // The group is named after the callee: the audience its tokens are issued for.
            builder.requestInterceptor(new ServiceTokenInterceptor(tokens, group.name()));
        });
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
