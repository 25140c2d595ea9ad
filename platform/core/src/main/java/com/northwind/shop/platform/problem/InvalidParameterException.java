package com.northwind.shop.platform.problem;

import com.northwind.shop.platform.problem.Problems.FieldError;
import java.util.List;

/**
 * A request parameter the service cannot use (an unknown sort property, say), answered 400 with the parameter in
 * {@code errors[]}. For checks that Bean Validation cannot express on the parameter itself.
 */
public class InvalidParameterException extends DomainException {

    private final FieldError error;

    public InvalidParameterException(String parameter, String reason) {
        super(Kind.INVALID, null, "The request has invalid parameters.");
        this.error = new FieldError(parameter, reason);
    }

    @Override
    public List<FieldError> errors() {
        return List.of(error);
    }
}
