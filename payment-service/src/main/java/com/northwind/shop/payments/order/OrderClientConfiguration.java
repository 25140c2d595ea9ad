package com.northwind.shop.payments.order;

import com.northwind.shop.payments.config.PaymentsProperties;
import com.northwind.shop.platform.security.ServiceTokenClient;
import java.io.IOException;
import java.net.http.HttpClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.client.loadbalancer.LoadBalancerClient;
import org.springframework.cloud.client.loadbalancer.LoadBalancerInterceptor;
import org.springframework.cloud.client.loadbalancer.LoadBalancerRequestFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

/**
 * The {@link OrderClient}: instances chosen by Spring Cloud LoadBalancer, explicit timeouts, a service token on
 * internal calls, bounded retries.
 */
@Configuration(proxyBeanMethods = false)
class OrderClientConfiguration {

    /** The callee's name: the audience of the service tokens sent to it, which it alone accepts. */
    static final String AUDIENCE = "order-service";

    @Bean
    OrderClient orderClient(
            RestClient.Builder builder,
            PaymentsProperties properties,
            ObjectProvider<ServiceTokenClient> tokens,
            LoadBalancerClient loadBalancer,
            LoadBalancerRequestFactory loadBalancerRequests) {
        PaymentsProperties.OrderService settings = properties.orderService();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                // Plain HTTP/1.1 on kept-alive pooled connections: the default (HTTP/2) offers an h2c upgrade that
                // Tomcat declines, on every new connection.
                .version(HttpClient.Version.HTTP_1_1)
                .build());
        requests.setReadTimeout(settings.readTimeout());
        RestClient rest = builder.clone()
                .baseUrl(settings.url().toString())
                .requestFactory(requests)
                // Outermost first: every retry picks an instance again and gets a (possibly renewed) token.
                .requestInterceptor(new RetryInterceptor(settings.maxAttempts()))
                .requestInterceptor(new LoadBalancerInterceptor(loadBalancer, loadBalancerRequests))
                .requestInterceptor(new ServiceTokenInterceptor(tokens, AUDIENCE))
                .build();
        return HttpServiceProxyFactory.builderFor(RestClientAdapter.create(rest))
                .build()
                .createClient(OrderClient.class);
    }

    /**
     * Retries on connection failures and on 502/503/504. Only safe because the one order-service call payment-service
     * makes is a read.
     */
    static final class RetryInterceptor implements ClientHttpRequestInterceptor {

        private final int maxAttempts;

        RetryInterceptor(int maxAttempts) {
            this.maxAttempts = maxAttempts;
        }

        @Override
        public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
                throws IOException {
            for (int attempt = 1; ; attempt++) {
                try {
                    ClientHttpResponse response = execution.execute(request, body);
                    int status = response.getStatusCode().value();
                    if (attempt < maxAttempts && (status == 502 || status == 503 || status == 504)) {
                        response.close();
                        pause(attempt);
                        continue;
                    }
                    return response;
                } catch (IOException ex) {
                    if (attempt >= maxAttempts) {
                        throw ex;
                    }
                    pause(attempt);
                }
            }
        }

        private static void pause(int attempt) throws IOException {
            try {
                Thread.sleep(100L * attempt);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted between retries", ex);
            }
        }
    }

    /** Adds this service's token to {@code /internal/**} calls and renews it once if the callee refuses it. */
    static final class ServiceTokenInterceptor implements ClientHttpRequestInterceptor {

        private final ObjectProvider<ServiceTokenClient> tokens;
        private final String audience;

        ServiceTokenInterceptor(ObjectProvider<ServiceTokenClient> tokens, String audience) {
            this.tokens = tokens;
            this.audience = audience;
        }

        @Override
        public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
                throws IOException {
            if (!request.getURI().getPath().startsWith("/internal/")) {
                return execution.execute(request, body);
            }
            ServiceTokenClient client = tokens.getIfAvailable();
            if (client == null) {
                throw new OrderServiceUnavailableException(
                        "No service client credentials configured (SERVICE_CLIENT_SECRET)");
            }
            request.getHeaders().set(HttpHeaders.AUTHORIZATION, "Bearer " + client.token(audience));
            ClientHttpResponse response = execution.execute(request, body);
            if (response.getStatusCode().value() == 401) {
                response.close();
                client.invalidate(audience);
                request.getHeaders().set(HttpHeaders.AUTHORIZATION, "Bearer " + client.token(audience));
                return execution.execute(request, body);
            }
            return response;
        }
    }
}
