package com.northwind.shop.users.account;

import com.northwind.shop.platform.problem.DomainException;
import com.northwind.shop.platform.problem.Problems.FieldError;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A request about accounts that cannot be honoured; the platform maps it to a problem by its kind. */
public class AccountException extends DomainException {

    private final @Nullable String field;

    private AccountException(Kind kind, @Nullable String slug, String message, @Nullable String field) {
        super(kind, slug, message);
        this.field = field;
    }

    static AccountException emailTaken() {
        return new AccountException(
                Kind.CONFLICT, "email-taken", "An account with this email already exists.", "email");
    }

    static AccountException weakPassword(String field, String reason) {
        return new AccountException(Kind.INVALID, null, "The password " + reason + ".", field);
    }

    static AccountException wrongCurrentPassword() {
        return new AccountException(Kind.INVALID, null, "The current password is not correct.", "currentPassword");
    }

    static AccountException notFound() {
        return new AccountException(Kind.NOT_FOUND, null, "No such user.", null);
    }

    /** An administrator would lock themselves out (remove their own admin role, disable themselves). */
    static AccountException lastAdmin(String message) {
        return new AccountException(Kind.CONFLICT, null, message, null);
    }

    @Override
    public List<FieldError> errors() {
        return kind() == Kind.INVALID && field != null
                ? List.of(new FieldError(field, String.valueOf(getMessage())))
                : List.of();
    }
}
