package com.northwind.shop.platform;

import com.northwind.shop.platform.web.TextInput;
import com.northwind.shop.platform.web.TraceIds;
import com.northwind.shop.platform.web.reactive.ReactiveProblemConfiguration;
import com.northwind.shop.platform.web.servlet.ServletProblemConfiguration;
import io.micrometer.tracing.Tracer;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JacksonModule;

/**
 * Wires the platform into every service that depends on it. Runs before Boot's own error handling so that Boot's
 * error controller and error web handler back off in favour of the problem-detail ones.
 */
@AutoConfiguration(
        beforeName = {
            "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration",
            "org.springframework.boot.webflux.autoconfigure.error.ErrorWebFluxAutoConfiguration"
        })
@EnableConfigurationProperties({PlatformProperties.class, RedisKeyProperties.class})
@Import({ServletProblemConfiguration.class, ReactiveProblemConfiguration.class})
public class PlatformAutoConfiguration {

    /** Boot registers every {@code JacksonModule} bean with the application's JSON mapper. */
    @Bean
    JacksonModule northwindTextInputModule() {
        return TextInput.jacksonModule();
    }

    /** The one clock of a service: every "now" comes from it, so a test can set the time by replacing this bean. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    TraceIds traceIds(ObjectProvider<Tracer> tracer) {
        return new TraceIds(tracer);
    }
}
