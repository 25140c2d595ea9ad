package com.northwind.shop.platform.problem;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * Builds and completes RFC 9457 problem details so that every service answers with the same shape: {@code type},
 * {@code title}, {@code status}, {@code detail}, {@code instance}, {@code traceId} and, for validation failures,
 * {@code errors[]}.
 */
public final class Problems {

    /** Prefix of every problem {@code type}; a stable identifier, not a page to fetch. */
    public static final String TYPE_PREFIX = "urn:northwind:problem:";

    /** Seconds a client is told to wait before retrying a 503. */
    public static final int RETRY_AFTER_SECONDS = 1;

    /** Property name of the trace id that correlates a response with logs and traces. */
    public static final String TRACE_ID = "traceId";

    /** Property name of the per-field validation errors. */
    public static final String ERRORS = "errors";

    private Problems() {}

    /**
     * A problem of the given status, with a stable type derived from the status unless {@code slug} names a more
     * specific one.
     */
    public static ProblemDetail of(HttpStatusCode status, String detail, @Nullable String slug) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type(slug != null ? slug : slugOf(status)));
        return problem;
    }

    /** A problem of the given status with the status' own type. */
    public static ProblemDetail of(HttpStatusCode status, String detail) {
        return of(status, detail, null);
    }

    /**
     * The response for a service's own exception handler: the problem's status and {@code application/problem+json}.
     * The platform fills in {@code instance} and {@code traceId} as the body is written.
     */
    public static ResponseEntity<ProblemDetail> response(ProblemDetail problem) {
        var response = ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (problem.getStatus() == HttpStatus.SERVICE_UNAVAILABLE.value()) {
            // Every 503 says when to come back (a service or database we depend on is away), so a client retries
            // instead of treating it as a failure.
            response.header(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS));
        }
        return response.body(problem);
    }

    /** The problem type URI for a slug such as {@code not-found}. */
    public static URI type(String slug) {
        return URI.create(TYPE_PREFIX + slug);
    }

    /**
     * Fills in what every problem must carry: a stable type, a title, the request path as {@code instance} and the
     * trace id. Values already set are kept.
     */
    public static ProblemDetail complete(ProblemDetail problem, @Nullable String path, @Nullable String traceId) {
        HttpStatusCode status = HttpStatusCode.valueOf(problem.getStatus());
        if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
            problem.setType(type(slugOf(status)));
        }
        if (problem.getTitle() == null) {
            problem.setTitle(titleOf(status));
        }
        if (problem.getDetail() == null) {
            problem.setDetail(problem.getTitle());
        }
        if (problem.getInstance() == null && path != null) {
            problem.setInstance(URI.create(path));
        }
        if (traceId != null
                && (problem.getProperties() == null || !problem.getProperties().containsKey(TRACE_ID))) {
            problem.setProperty(TRACE_ID, traceId);
        }
        return problem;
    }

    /** Attaches per-field errors to a validation problem. */
    public static ProblemDetail withErrors(ProblemDetail problem, List<FieldError> errors) {
        problem.setType(type("validation"));
        problem.setProperty(ERRORS, errors);
        return problem;
    }

    /** The generic, safe detail for a status, used when nothing more specific may be said. */
    public static String defaultDetail(HttpStatusCode status) {
        return switch (status.value()) {
            case 400 -> "The request is malformed.";
            case 401 -> "Authentication is required to access this resource.";
            case 403 -> "You are not allowed to access this resource.";
            case 404 -> "No resource exists at this path.";
            case 405 -> "This method is not supported for this resource.";
            case 406 -> "None of the acceptable media types can be produced.";
            case 413 -> "The request body is too large.";
            case 415 -> "This content type is not supported.";
            case 429 -> "Too many requests; retry later.";
            case 503 -> "The service is temporarily unavailable; retry later.";
            default -> status.is5xxServerError() ? "An unexpected error occurred." : titleOf(status) + ".";
        };
    }

    static String titleOf(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return known != null ? known.getReasonPhrase() : "Error " + status.value();
    }

    static String slugOf(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        if (known == null) {
            return status.is5xxServerError() ? "internal" : "error";
        }
        if (known == HttpStatus.INTERNAL_SERVER_ERROR) {
            return "internal";
        }
        return known.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * One rejected field of a request.
     *
     * @param field the field's path in the request, e.g. {@code items[0].quantity}
     * @param message why it was rejected
     */
    public record FieldError(String field, String message) {}
}
