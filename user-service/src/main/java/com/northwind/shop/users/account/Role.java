package com.northwind.shop.users.account;

/** What a user may do; carried in access tokens as {@code roles}. */
public enum Role {
    CUSTOMER,
    ADMIN
}
