package com.northwind.shop.platform.openapi;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.properties.SpringDocConfigProperties;
import org.springdoc.core.service.GenericResponseService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.util.ClassUtils;

/**
 * Gives every Spring MVC service that has springdoc the platform's {@link PlatformOpenApiCustomizer}. Which
 * operations need a token is asked of the service's own security chain, so the document cannot drift from it.
 * {@link SuccessResponses} keeps the success response of operations that document only their errors;
 * {@link RecordPresence} marks which fields are required and which may be null.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(OpenApiCustomizer.class)
public class OpenApiAutoConfiguration {

    private static final String EVALUATOR = "org.springframework.security.web.access.WebInvocationPrivilegeEvaluator";

    @Bean
    SuccessResponses platformSuccessResponses(
            ObjectProvider<GenericResponseService> responses, ObjectProvider<SpringDocConfigProperties> properties) {
        return new SuccessResponses(responses, properties);
    }

    @Bean
    RecordPresence platformRecordPresence() {
        return new RecordPresence();
    }

    @Bean
    PlatformOpenApiCustomizer platformOpenApiCustomizer(ApplicationContext context, SuccessResponses successes) {
        AccessRules rules = ClassUtils.isPresent(EVALUATOR, context.getClassLoader())
                ? new SecurityChainAccessRules(context)
                : (method, path) -> AccessRules.Access.PUBLIC;
        return new PlatformOpenApiCustomizer(
                context.getEnvironment().getProperty("spring.application.name", "service"), rules, successes);
    }
}
