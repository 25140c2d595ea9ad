package com.northwind.shop.users.account;

import java.util.Locale;

/** Email normalisation: one account per address, whatever its case or surrounding spaces. */
public final class Emails {

    private Emails() {}

    public static String normalise(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }
}
