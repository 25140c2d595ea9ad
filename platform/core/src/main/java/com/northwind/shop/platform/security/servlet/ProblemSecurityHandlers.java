package com.northwind.shop.platform.security.servlet;

import com.northwind.shop.platform.problem.Problems;
import com.northwind.shop.platform.web.TraceIds;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.web.filter.ServerHttpObservationFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers 401 and 403 from the security filter chain with the same problem shape as every other error: 401 carries
 * {@code WWW-Authenticate: Bearer} (RFC 6750), and neither says which check failed.
 */
final class ProblemSecurityHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final TraceIds traceIds;

    ProblemSecurityHandlers(TraceIds traceIds) {
        this.traceIds = traceIds;
    }

    @Override
    public void commence(
            HttpServletRequest request, HttpServletResponse response, AuthenticationException authException)
            throws IOException {
        String challenge =
                request.getHeader(HttpHeaders.AUTHORIZATION) != null ? "Bearer error=\"invalid_token\"" : "Bearer";
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, challenge);
        write(request, response, HttpStatus.UNAUTHORIZED, "A valid bearer token is required.", "unauthorized");
    }

    @Override
    public void handle(
            HttpServletRequest request, HttpServletResponse response, AccessDeniedException accessDeniedException)
            throws IOException {
        write(request, response, HttpStatus.FORBIDDEN, Problems.defaultDetail(HttpStatus.FORBIDDEN), "forbidden");
    }

    private void write(
            HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail, String slug)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        String traceId = traceIds.of(
                ServerHttpObservationFilter.findObservationContext(request).orElse(null));
        ProblemDetail problem = Problems.complete(Problems.of(status, detail, slug), request.getRequestURI(), traceId);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        JSON.writeValue(response.getOutputStream(), body(problem));
    }

    static Map<String, Object> body(ProblemDetail problem) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", String.valueOf(problem.getType()));
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        if (problem.getInstance() != null) {
            body.put("instance", problem.getInstance().toString());
        }
        if (problem.getProperties() != null) {
            body.putAll(problem.getProperties());
        }
        return body;
    }
}
