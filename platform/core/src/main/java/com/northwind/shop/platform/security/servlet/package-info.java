/**
 * Spring Security wiring for servlet (Spring MVC) services: a stateless chain that authenticates bearer tokens with
 * the platform verifier and answers 401/403 as problem details.
 */
@NullMarked
package com.northwind.shop.platform.security.servlet;

import org.jspecify.annotations.NullMarked;
