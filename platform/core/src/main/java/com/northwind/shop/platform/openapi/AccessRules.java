package com.northwind.shop.platform.openapi;

/** Who may call an operation, as the service's security rules say. */
@FunctionalInterface
interface AccessRules {

    /** What a caller needs. */
    enum Access {
        /** No token needed (one may still be sent). */
        PUBLIC,
        /** A customer's (or an admin's) token. */
        USER,
        /** An admin's token. */
        ADMIN
    }

    /** The access {@code method} on {@code path} (a concrete path, no template variables) needs. */
    Access of(String method, String path);
}
