package com.northwind.shop.platform.web.reactive;

import com.northwind.shop.platform.PlatformProperties;
import com.northwind.shop.platform.web.TraceIds;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.codec.ServerCodecConfigurer;

/** Problem details for reactive applications (the gateway). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
public class ReactiveProblemConfiguration {

    /** Ahead of Boot's {@code DefaultErrorWebExceptionHandler} (order -1). */
    @Bean
    @Order(-2)
    ReactiveProblemHandler reactiveProblemHandler(TraceIds traceIds, ServerCodecConfigurer codecs) {
        return new ReactiveProblemHandler(traceIds, codecs);
    }

    @Bean
    RequestBodyLimitWebFilter requestBodyLimitWebFilter(PlatformProperties properties) {
        return new RequestBodyLimitWebFilter(properties.maxRequestBody().toBytes());
    }
}
