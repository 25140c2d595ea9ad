/**
 * Verification of the access and service tokens that user-service signs: RS256 JWTs checked against the keys of
 * user-service's JWKS, with issuer, audience, lifetime and token type enforced. Free of any web framework.
 */
@NullMarked
package com.northwind.shop.platform.security;

import org.jspecify.annotations.NullMarked;
