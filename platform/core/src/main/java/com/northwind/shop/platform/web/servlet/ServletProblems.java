package com.northwind.shop.platform.web.servlet;

import com.northwind.shop.platform.problem.Problems;
import com.northwind.shop.platform.web.TraceIds;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.ServerHttpObservationFilter;

/** Completes a problem with the servlet request's path and trace id. */
final class ServletProblems {

    private final TraceIds traceIds;

    ServletProblems(TraceIds traceIds) {
        this.traceIds = traceIds;
    }

    ProblemDetail complete(ProblemDetail problem, HttpServletRequest request, String path) {
        String traceId = traceIds.of(
                ServerHttpObservationFilter.findObservationContext(request).orElse(null));
        return Problems.complete(problem, path, traceId);
    }
}
