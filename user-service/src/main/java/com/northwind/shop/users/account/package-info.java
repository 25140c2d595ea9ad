/** Accounts: registration, profile, password changes, roles and the admin endpoints that manage them. */
@NullMarked
package com.northwind.shop.users.account;

import org.jspecify.annotations.NullMarked;
