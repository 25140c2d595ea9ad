/** Who is calling: access tokens verified at the edge, public routes let through. */
@NullMarked
package com.northwind.shop.gateway.auth;

import org.jspecify.annotations.NullMarked;
