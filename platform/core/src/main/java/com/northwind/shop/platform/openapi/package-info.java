/**
 * The OpenAPI conventions every service's document follows (springdoc): a relative server, the bearer scheme where a
 * token is needed, one {@code Problem} schema for every error, the gateway's rate-limit headers.
 */
@NullMarked
package com.northwind.shop.platform.openapi;

import org.jspecify.annotations.NullMarked;
