package com.northwind.shop.products.web;

import com.northwind.shop.platform.problem.Problems;
import com.northwind.shop.platform.web.TraceIds;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * Completes a domain problem the way the platform completes its own (instance, trace id) and sends it as
 * {@code application/problem+json}. Candidate for the platform: it does the same in a package-private class.
 */
@Component
public class ProblemResponses {

    private final TraceIds traceIds;

    ProblemResponses(TraceIds traceIds) {
        this.traceIds = traceIds;
    }

    /** A complete problem response for {@code request}. */
    public ResponseEntity<ProblemDetail> send(ProblemDetail problem, HttpServletRequest request) {
        String traceId = traceIds.of(
                ServerHttpObservationFilter.findObservationContext(request).orElse(null));
        Problems.complete(problem, request.getRequestURI(), traceId);
        return ResponseEntity.status(HttpStatusCode.valueOf(problem.getStatus()))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
