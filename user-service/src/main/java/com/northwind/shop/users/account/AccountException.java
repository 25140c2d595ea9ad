package com.northwind.shop.users.account;

import org.jspecify.annotations.Nullable;

/** A request about accounts that cannot be honoured; the web layer maps each kind to a problem. */
public class AccountException extends RuntimeException {

    /** What went wrong, independent of HTTP. */
    public enum Kind {
        EMAIL_TAKEN,
        WEAK_PASSWORD,
        WRONG_CURRENT_PASSWORD,
        NOT_FOUND,
        LAST_ADMIN
    }

    private final Kind kind;
    private final @Nullable String field;

    public AccountException(Kind kind, String message, @Nullable String field) {
        super(message);
        this.kind = kind;
        this.field = field;
    }

    public Kind kind() {
        return kind;
    }

    /** The request field at fault, if one is. */
    public @Nullable String field() {
        return field;
    }
}
