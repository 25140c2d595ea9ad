/** The gateway's own refusals (401, 404, 429, 503), written as RFC 9457 problems like every service's. */
@NullMarked
package com.northwind.shop.gateway.problem;

import org.jspecify.annotations.NullMarked;
