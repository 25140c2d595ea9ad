package com.northwind.shop.platform.client;

import com.northwind.shop.platform.security.ServiceTokenClient;
import com.northwind.shop.platform.security.ServiceTokenClient.ServiceTokenException;
import java.io.IOException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Adds this service's token for the callee ({@code audience}) to {@code /internal/**} calls, and renews it once if
 * the callee refuses it (it may have been issued under a key the callee no longer trusts). Tokens are cached by
 * {@link ServiceTokenClient} until shortly before they expire.
 */
final class ServiceTokenInterceptor implements ClientHttpRequestInterceptor {

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
            throw new ServiceTokenException("No service client credentials configured (SERVICE_CLIENT_SECRET)");
        }
        String token = client.token(audience);
        request.getHeaders().set(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        ClientHttpResponse response = execution.execute(request, body);
        if (response.getStatusCode().value() == 401) {
            response.close();
            client.invalidate(audience, token);
            request.getHeaders().set(HttpHeaders.AUTHORIZATION, "Bearer " + client.token(audience));
            return execution.execute(request, body);
        }
        return response;
    }
}
