package com.northwind.shop.platform.web.servlet;

import com.northwind.shop.platform.problem.Problems;
import com.northwind.shop.platform.problem.Problems.FieldError;
import com.northwind.shop.platform.web.TextInput;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses query parameters that no handler could use before any of them runs: a percent-encoding that is not UTF-8
 * (Tomcat throws {@code InvalidParameterException} from the first {@code getParameter}, wherever that is, which
 * otherwise surfaces as a 500) and a NUL character (PostgreSQL refuses 0x00 in text, again a 500). One check here
 * instead of one per parameter; JSON bodies get the same NUL rule from {@link TextInput#jacksonModule()}.
 */
public class RequestParameterFilter extends OncePerRequestFilter {

    private final ServletProblems problems;
    private final JsonMapper json = JsonMapper.builder()
            .addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class)
            .build();

    RequestParameterFilter(ServletProblems problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Map<String, String[]> parameters;
        try {
            parameters = request.getParameterMap();
        } catch (IllegalStateException | IllegalArgumentException ex) {
            // Tomcat's InvalidParameterException ("Character decoding failed") is an IllegalStateException.
            reject(request, response, "The query string is not valid UTF-8 or not validly percent-encoded.", null);
            return;
        }
        for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
            if (TextInput.hasNul(parameter.getKey())) {
                reject(request, response, TextInput.NUL_DETAIL, "parameter");
                return;
            }
            for (String value : parameter.getValue()) {
                if (TextInput.hasNul(value)) {
                    reject(request, response, TextInput.NUL_DETAIL, parameter.getKey());
                    return;
                }
            }
        }
        chain.doFilter(request, response);
    }

    private void reject(HttpServletRequest request, HttpServletResponse response, String detail, @Nullable String field)
            throws IOException {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, detail);
        if (field != null) {
            problem = Problems.withErrors(problem, List.of(new FieldError(field, TextInput.NUL_MESSAGE)));
        }
        problems.complete(problem, request, request.getRequestURI());
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(json.writeValueAsBytes(problem));
    }
}
