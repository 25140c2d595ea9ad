/** Settings, security rules, OpenAPI description and the mapping of domain errors to problem details. */
@NullMarked
package com.northwind.shop.users.config;

import org.jspecify.annotations.NullMarked;
