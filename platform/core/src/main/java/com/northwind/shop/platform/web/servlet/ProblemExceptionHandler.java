package com.northwind.shop.platform.web.servlet;

import com.northwind.shop.platform.problem.DomainException;
import com.northwind.shop.platform.problem.Problems;
import com.northwind.shop.platform.problem.Problems.FieldError;
import com.northwind.shop.platform.web.TextInput;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.PropertyBindingException;

/**
 * Renders every exception that reaches a controller as an RFC 9457 problem. Framework exceptions keep Spring's
 * status mapping; a service's own refusals are {@link DomainException}s, mapped here by their kind; anything
 * unexpected becomes a 500 that says nothing about internals and logs the cause.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ProblemExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

    private final ServletProblems problems;

    ProblemExceptionHandler(ServletProblems problems) {
        this.problems = problems;
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(e -> new FieldError(e.getField(), message(e)))
                .toList();
        List<FieldError> global = ex.getBindingResult().getGlobalErrors().stream()
                .map(e -> new FieldError(e.getObjectName(), message(e)))
                .toList();
        ProblemDetail problem = Problems.withErrors(
                Problems.of(HttpStatus.BAD_REQUEST, "The request has invalid fields."), concat(errors, global));
        return createResponseEntity(problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = ex.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> new FieldError(parameterName(result), message(error))))
                .toList();
        ProblemDetail problem =
                Problems.withErrors(Problems.of(HttpStatus.BAD_REQUEST, "The request has invalid parameters."), errors);
        return createResponseEntity(problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    /** Spring's wording names static resources; a client only needs to know there is nothing here. */
    @Override
    protected @Nullable ResponseEntity<Object> handleNoResourceFoundException(
            NoResourceFoundException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return createResponseEntity(
                Problems.of(HttpStatus.NOT_FOUND, Problems.defaultDetail(HttpStatus.NOT_FOUND)),
                headers,
                HttpStatus.NOT_FOUND,
                request);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleTypeMismatch(
            TypeMismatchException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String name = ex instanceof MethodArgumentTypeMismatchException mismatch
                ? mismatch.getName()
                : String.valueOf(ex.getPropertyName());
        ProblemDetail problem = Problems.withErrors(
                Problems.of(HttpStatus.BAD_REQUEST, "The request has invalid parameters."),
                List.of(new FieldError(name, "has an invalid value")));
        return createResponseEntity(problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (RequestBodyLimitFilter.isBodyTooLarge(ex)) {
            return createResponseEntity(
                    Problems.of(HttpStatus.CONTENT_TOO_LARGE, Problems.defaultDetail(HttpStatus.CONTENT_TOO_LARGE)),
                    headers,
                    HttpStatus.CONTENT_TOO_LARGE,
                    request);
        }
        if (TextInput.isNulRefusal(ex)) {
            ProblemDetail problem = Problems.withErrors(
                    Problems.of(HttpStatus.BAD_REQUEST, TextInput.NUL_DETAIL),
                    List.of(new FieldError(jsonPath(ex), TextInput.NUL_MESSAGE)));
            return createResponseEntity(problem, headers, HttpStatus.BAD_REQUEST, request);
        }
        PropertyBindingException unknown = unknownProperty(ex);
        if (unknown != null) {
            // Fields a client may not set (a role at registration, an id...) are refused, never silently dropped.
            ProblemDetail problem = Problems.withErrors(
                    Problems.of(HttpStatus.BAD_REQUEST, "The request has fields that are not allowed."),
                    List.of(new FieldError(unknown.getPropertyName(), "is not allowed")));
            return createResponseEntity(problem, headers, HttpStatus.BAD_REQUEST, request);
        }
        ProblemDetail problem =
                Problems.of(HttpStatus.BAD_REQUEST, "The request body is missing or is not valid JSON.");
        return createResponseEntity(problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    /** The JSON path of the value that failed, e.g. {@code items[0].name}. */
    private static String jsonPath(Throwable ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof DatabindException databind
                    && !databind.getPath().isEmpty()) {
                StringBuilder path = new StringBuilder();
                for (var reference : databind.getPath()) {
                    if (reference.getPropertyName() != null) {
                        path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
                    } else if (reference.getIndex() >= 0) {
                        path.append('[').append(reference.getIndex()).append(']');
                    }
                }
                return path.toString();
            }
        }
        return "body";
    }

    private static @Nullable PropertyBindingException unknownProperty(Throwable ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof PropertyBindingException binding) {
                return binding;
            }
        }
        return null;
    }

    /** Bean Validation on {@code @Validated} beans, outside the web binding. */
    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Object> handleConstraintViolation(ConstraintViolationException ex, WebRequest request) {
        List<FieldError> errors = ex.getConstraintViolations().stream()
                .map(v -> new FieldError(fieldOf(v), v.getMessage()))
                .toList();
        ProblemDetail problem =
                Problems.withErrors(Problems.of(HttpStatus.BAD_REQUEST, "The request has invalid fields."), errors);
        return createResponseEntity(problem, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
    }

    /**
     * Every service's refusals, in one place: the kind gives the status, the slug the type, the exception its field
     * errors, further members and how long to wait. A 503's cause is logged: something we depend on is away.
     */
    @ExceptionHandler(DomainException.class)
    ResponseEntity<Object> handleDomain(DomainException ex, WebRequest request) {
        HttpStatus status = statusOf(ex.kind());
        ProblemDetail problem = Problems.of(status, String.valueOf(ex.getMessage()));
        if (!ex.errors().isEmpty()) {
            problem = Problems.withErrors(problem, ex.errors());
        }
        if (ex.slug() != null) {
            problem.setType(Problems.type(ex.slug()));
        }
        ex.properties().forEach(problem::setProperty);
        HttpHeaders headers = new HttpHeaders();
        Duration wait = ex.retryAfter();
        if (wait != null) {
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, wait.toSeconds())));
        } else if (status == HttpStatus.SERVICE_UNAVAILABLE) {
            headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(Problems.RETRY_AFTER_SECONDS));
        }
        if (status.is5xxServerError()) {
            log.warn(
                    "{} answered {}: {}",
                    request.getDescription(false),
                    status.value(),
                    ex.getMessage(),
                    ex.getCause());
        }
        return createResponseEntity(problem, headers, status, request);
    }

    static HttpStatus statusOf(DomainException.Kind kind) {
        return switch (kind) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case PRECONDITION_FAILED -> HttpStatus.PRECONDITION_FAILED;
            case UNPROCESSABLE -> HttpStatus.UNPROCESSABLE_CONTENT;
            case PRECONDITION_REQUIRED -> HttpStatus.PRECONDITION_REQUIRED;
            case THROTTLED -> HttpStatus.TOO_MANY_REQUESTS;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
        };
    }

    /** The last resort: a 500 that reveals nothing, with the cause in the log under the same trace id. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> handleUnexpected(Exception ex, WebRequest request) {
        if (RequestBodyLimitFilter.isBodyTooLarge(ex)) {
            return createResponseEntity(
                    Problems.of(HttpStatus.CONTENT_TOO_LARGE, Problems.defaultDetail(HttpStatus.CONTENT_TOO_LARGE)),
                    new HttpHeaders(),
                    HttpStatus.CONTENT_TOO_LARGE,
                    request);
        }
        if (unknownSortProperty(ex)) {
            // A page request sorted by a property the entity lacks: the client's mistake, not ours.
            ProblemDetail problem = Problems.withErrors(
                    Problems.of(HttpStatus.BAD_REQUEST, "The request has invalid parameters."),
                    List.of(new FieldError("sort", "names an unknown property")));
            return createResponseEntity(problem, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
        }
        if (concurrentChange(ex)) {
            // An optimistic version check failed, or a row lock could not be had in time (a deadlock, a lock
            // timeout): another request changed the same thing at the same moment. The client may reload and retry.
            return createResponseEntity(
                    Problems.of(
                            HttpStatus.CONFLICT,
                            "The resource was changed at the same time by another request; reload it and retry.",
                            "concurrent-change"),
                    new HttpHeaders(),
                    HttpStatus.CONFLICT,
                    request);
        }
        if (databaseUnreachable(ex)) {
            // No connection from the pool in time, or the database refuses them: overload or an outage, not a bug.
            log.warn("No database connection while processing {}: {}", request.getDescription(false), ex.toString());
            HttpHeaders headers = new HttpHeaders();
            headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(Problems.RETRY_AFTER_SECONDS));
            return createResponseEntity(
                    Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "The service is busy; try again shortly."),
                    headers,
                    HttpStatus.SERVICE_UNAVAILABLE,
                    request);
        }
        log.error("Unhandled exception while processing {}", request.getDescription(false), ex);
        ProblemDetail problem =
                Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, Problems.defaultDetail(HttpStatus.INTERNAL_SERVER_ERROR));
        return createResponseEntity(problem, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(
            @Nullable Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        Object completed = body;
        if (body instanceof ProblemDetail problem
                && request instanceof NativeWebRequest nativeRequest
                && nativeRequest.getNativeRequest() instanceof HttpServletRequest servletRequest) {
            completed = problems.complete(problem, servletRequest, servletRequest.getRequestURI());
        }
        return super.createResponseEntity(completed, headers, statusCode, request);
    }

    /**
     * Spring's wrappers for a database that cannot be reached or went away mid-request, matched by name so that a
     * service without Spring's data access classes still loads this handler.
     */
    private static final java.util.Set<String> DATABASE_AWAY = java.util.Set.of(
            "org.springframework.dao.DataAccessResourceFailureException",
            "org.springframework.transaction.CannotCreateTransactionException");

    /** Spring's {@code ConcurrencyFailureException} family, named so that the platform needs no spring-tx. */
    private static boolean concurrentChange(Throwable ex) {
        for (Class<?> type = ex.getClass(); type != null; type = type.getSuperclass()) {
            if (type.getName().equals("org.springframework.dao.ConcurrencyFailureException")) {
                return true;
            }
        }
        return false;
    }

    /** Spring Data's {@code PropertyReferenceException}, named so that the platform needs no Spring Data. */
    private static boolean unknownSortProperty(Throwable ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause.getClass().getName().equals("org.springframework.data.mapping.PropertyReferenceException")) {
                return true;
            }
        }
        return false;
    }

    private static boolean databaseUnreachable(Throwable ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLNonTransientConnectionException) {
                return true;
            }
            // The connection died under a statement, a commit or a rollback (Hibernate's JpaSystemException, a
            // TransactionSystemException): SQLSTATE class 08 is a connection exception, 57P01-57P03 a server that is
            // shutting down, restarting, or not accepting connections yet.
            if (cause instanceof java.sql.SQLException sql
                    && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"))) {
                return true;
            }
            // The rollback after such a failure: HikariCP closed the broken connection at the first error, and its
            // stand-in answers every later call (Hibernate's rollback) with a "Connection is closed" that carries no
            // SQLSTATE. Spring then throws the rollback's exception instead of the first one (issue #16: a 500 from
            // every service during a database outage).
            if (cause instanceof java.sql.SQLException closed && fromClosedPooledConnection(closed)) {
                return true;
            }
            for (Class<?> type = cause.getClass(); type != null; type = type.getSuperclass()) {
                if (DATABASE_AWAY.contains(type.getName())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Thrown by HikariCP's stand-in for a connection it closed (evicted because it broke), matched by name. */
    static boolean fromClosedPooledConnection(java.sql.SQLException ex) {
        for (StackTraceElement frame : ex.getStackTrace()) {
            if (frame.getClassName().startsWith(HIKARI_CLOSED_CONNECTION)) {
                return true;
            }
        }
        return false;
    }

    private static final String HIKARI_CLOSED_CONNECTION = "com.zaxxer.hikari.pool.ProxyConnection$ClosedConnection";

    private static String message(MessageSourceResolvable error) {
        return error.getDefaultMessage() != null ? error.getDefaultMessage() : "is invalid";
    }

    /** The violated property's path without the method and class nodes that say nothing to a client. */
    private static String fieldOf(ConstraintViolation<?> violation) {
        StringBuilder field = new StringBuilder();
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.CONSTRUCTOR) {
                continue;
            }
            if (!field.isEmpty()) {
                field.append('.');
            }
            field.append(node);
        }
        return field.toString();
    }

    private static String parameterName(ParameterValidationResult result) {
        String name = result.getMethodParameter().getParameterName();
        return name != null ? name : "parameter";
    }

    private static List<FieldError> concat(List<FieldError> first, List<FieldError> second) {
        return second.isEmpty()
                ? first
                : java.util.stream.Stream.concat(first.stream(), second.stream())
                        .toList();
    }
}
