package com.northwind.shop.users.account;

/** Whether an account may log in. */
public enum UserStatus {
    ACTIVE,
    DISABLED
}
