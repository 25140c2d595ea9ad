package com.northwind.shop.users.config;

import com.northwind.shop.platform.problem.Problems;
import com.northwind.shop.platform.problem.Problems.FieldError;
import com.northwind.shop.users.account.AccountException;
import com.northwind.shop.users.auth.AuthException;
import com.northwind.shop.users.auth.BoundedPasswordEncoder;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Maps user-service's domain errors to problem details; the platform completes them (instance, traceId). */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ErrorAdvice {

    @ExceptionHandler(AccountException.class)
    ResponseEntity<ProblemDetail> account(AccountException ex) {
        ProblemDetail problem = switch (ex.kind()) {
            case EMAIL_TAKEN -> Problems.of(HttpStatus.CONFLICT, ex.getMessage(), "email-taken");
            case WEAK_PASSWORD, WRONG_CURRENT_PASSWORD -> invalidField(ex);
            case NOT_FOUND -> Problems.of(HttpStatus.NOT_FOUND, ex.getMessage());
            case LAST_ADMIN -> Problems.of(HttpStatus.CONFLICT, ex.getMessage());
        };
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    @ExceptionHandler(AuthException.class)
    ResponseEntity<ProblemDetail> auth(AuthException ex) {
        return switch (ex.kind()) {
            case INVALID_CREDENTIALS -> unauthorized(ex, "invalid-credentials");
            case INVALID_REFRESH_TOKEN -> unauthorized(ex, "invalid-refresh-token");
            case INVALID_CLIENT -> unauthorized(ex, "invalid-client");
            case INVALID_TARGET ->
                ResponseEntity.status(HttpStatus.FORBIDDEN)
                        .body(Problems.of(HttpStatus.FORBIDDEN, ex.getMessage(), "invalid-target"));
            case THROTTLED -> {
                long seconds = ex.retryAfter() == null
                        ? 1
                        : Math.max(1, ex.retryAfter().toSeconds());
                yield ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                        .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                        .body(Problems.of(HttpStatus.TOO_MANY_REQUESTS, ex.getMessage(), "too-many-login-failures"));
            }
        };
    }

    @ExceptionHandler(BoundedPasswordEncoder.PasswordHashingBusyException.class)
    ResponseEntity<ProblemDetail> hashingBusy(RuntimeException ex) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "1")
                .body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, String.valueOf(ex.getMessage()), "busy"));
    }

    private static ProblemDetail invalidField(AccountException ex) {
        String field = ex.field() == null ? "password" : ex.field();
        String message = ex.getMessage() == null ? "is not valid" : ex.getMessage();
        return Problems.withErrors(
                Problems.of(HttpStatus.BAD_REQUEST, message), List.of(new FieldError(field, message)));
    }

    private static ResponseEntity<ProblemDetail> unauthorized(AuthException ex, String slug) {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                .body(Problems.of(HttpStatus.UNAUTHORIZED, String.valueOf(ex.getMessage()), slug));
    }
}
