package com.northwind.shop.platform.problem;

import com.northwind.shop.platform.problem.Problems.FieldError;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A request the domain refuses, in domain terms: a {@link Kind} and a stable slug. Every service's refusals extend
 * it, each a small class in its own feature, and the platform's handler is the one place that turns them into RFC
 * 9457 problems (the kind gives the status, the slug the problem {@code type}, the message the {@code detail}), so a
 * service writes no exception advice of its own.
 */
public abstract class DomainException extends RuntimeException {

    /** Why a request is refused, independent of HTTP; the platform's handler maps each kind to one status. */
    public enum Kind {
        /** The request is malformed or a field breaks a rule: 400. */
        INVALID,
        /** The caller's credentials are wrong or missing: 401. */
        UNAUTHENTICATED,
        /** The caller may not do this: 403. */
        FORBIDDEN,
        /** No such resource for this caller: 404. */
        NOT_FOUND,
        /** The resource's current state does not allow it: 409. */
        CONFLICT,
        /** The client edited a version that is no longer current (If-Match): 412. */
        PRECONDITION_FAILED,
        /** Well-formed, but the domain cannot honour it: 422. */
        UNPROCESSABLE,
        /** A version precondition is required and missing: 428. */
        PRECONDITION_REQUIRED,
        /** Too many attempts; {@link #retryAfter()} says when to come back: 429. */
        THROTTLED,
        /** Something this request depends on is away for now: 503. */
        UNAVAILABLE
    }

    private final Kind kind;
    private final @Nullable String slug;

    protected DomainException(Kind kind, @Nullable String slug, String message) {
        this(kind, slug, message, null);
    }

    protected DomainException(Kind kind, @Nullable String slug, String message, @Nullable Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.slug = slug;
    }

    public Kind kind() {
        return kind;
    }

    /** The problem type's slug ({@code urn:northwind:problem:<slug>}); null for the status' own type. */
    public @Nullable String slug() {
        return slug;
    }

    /** The fields at fault, answered as {@code errors[]}. */
    public List<FieldError> errors() {
        return List.of();
    }

    /** Further members of the problem (the shortages of a reservation, say). */
    public Map<String, Object> properties() {
        return Map.of();
    }

    /** How long the client should wait before retrying; null for the platform's default where one applies. */
    public @Nullable Duration retryAfter() {
        return null;
    }
}
