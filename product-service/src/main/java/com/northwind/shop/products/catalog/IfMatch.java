package com.northwind.shop.products.catalog;

import org.jspecify.annotations.Nullable;

/**
 * Reads the product version an admin edited from {@code If-Match}: {@code "3"} (also {@code W/"3"} or {@code 3}).
 * {@code *} matches any version.
 */
final class IfMatch {

    private IfMatch() {}

    /** The version named, null for {@code *}, or -1 (matching no version) when the header names none. */
    static @Nullable Long version(String header) {
        String value = header.strip();
        if (value.equals("*")) {
            return null;
        }
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException ex) {
            return -1L;
        }
    }
}
