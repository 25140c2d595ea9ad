/**
 * What happens to every request at the door: request ids, untrusted identity headers dropped, the client address
 * found, CORS, security headers, paths that must never reach a service refused.
 */
@NullMarked
package com.northwind.shop.gateway.edge;

import org.jspecify.annotations.NullMarked;
