package com.northwind.shop.platform.problem;

/**
 * A request parameter the service cannot use (an unknown sort property, say), answered 400 with the parameter in
 * {@code errors[]}. For checks that Bean Validation cannot express on the parameter itself.
 */
public class InvalidParameterException extends RuntimeException {

    private final String parameter;

    public InvalidParameterException(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    /** The parameter's name as the client sent it. */
    public String parameter() {
        return parameter;
    }
}
