package com.northwind.shop.platform.web.servlet;

import com.northwind.shop.platform.PlatformProperties;
import com.northwind.shop.platform.web.TraceIds;
import org.apache.catalina.core.StandardHost;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Problem details for servlet (Spring MVC) services. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class ServletProblemConfiguration {

    @Bean
    ServletProblems servletProblems(TraceIds traceIds) {
        return new ServletProblems(traceIds);
    }

    @Bean
    ProblemExceptionHandler problemExceptionHandler(ServletProblems problems) {
        return new ProblemExceptionHandler(problems);
    }

    @Bean
    ProblemCompletingAdvice problemCompletingAdvice(ServletProblems problems) {
        return new ProblemCompletingAdvice(problems);
    }

    @Bean
    ProblemErrorController problemErrorController(ServletProblems problems) {
        return new ProblemErrorController(problems);
    }

    @Bean
    FilterRegistrationBean<RequestParameterFilter> requestParameterFilter(ServletProblems problems) {
        FilterRegistrationBean<RequestParameterFilter> registration =
                new FilterRegistrationBean<>(new RequestParameterFilter(problems));
        // Before Spring Security and anything else that may read a parameter.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 11);
        return registration;
    }

    @Bean
    FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(PlatformProperties properties) {
        FilterRegistrationBean<RequestBodyLimitFilter> registration = new FilterRegistrationBean<>(
                new RequestBodyLimitFilter(properties.maxRequestBody().toBytes()));
        // Early, but after the observation filter so that the rejection is traced.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /** Tomcat's own error answers (before any filter runs, e.g. an undecodable path) as problem details. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(TomcatServletWebServerFactory.class)
    static class TomcatProblems {

        @Bean
        WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReportValve() {
            return factory -> factory.addContextCustomizers(context -> {
                if (context.getParent() instanceof StandardHost host) {
                    host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                }
            });
        }
    }
}
