/** user-service: accounts, credentials, roles, tokens and signing keys. */
@NullMarked
package com.northwind.shop.users;

import org.jspecify.annotations.NullMarked;
