/**
 * Tokens: login with throttling, access tokens (RS256 JWT), rotating refresh tokens with reuse detection, the JWKS
 * and service tokens for service clients.
 */
@NullMarked
package com.northwind.shop.users.auth;

import org.jspecify.annotations.NullMarked;
