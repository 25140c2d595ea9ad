package com.northwind.shop.platform.web.servlet;

import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Completes every problem a handler returns (a service's own exception advice included) with the request path as
 * {@code instance} and the {@code traceId}, so services only say what went wrong: {@code Problems.of(status, detail,
 * slug)}.
 */
@ControllerAdvice
public class ProblemCompletingAdvice implements ResponseBodyAdvice<Object> {

    private final ServletProblems problems;

    ProblemCompletingAdvice(ServletProblems problems) {
        this.problems = problems;
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public @Nullable Object beforeBodyWrite(
            @Nullable Object body,
            MethodParameter returnType,
            MediaType selectedContentType,
            Class<? extends HttpMessageConverter<?>> selectedConverterType,
            ServerHttpRequest request,
            ServerHttpResponse response) {
        if (body instanceof ProblemDetail problem && request instanceof ServletServerHttpRequest servlet) {
            return problems.complete(
                    problem,
                    servlet.getServletRequest(),
                    servlet.getServletRequest().getRequestURI());
        }
        return body;
    }
}
