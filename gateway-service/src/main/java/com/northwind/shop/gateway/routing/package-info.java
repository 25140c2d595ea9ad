/** Routes to the services, load balancing over their healthy instances, timeouts, retries and circuit breakers. */
@NullMarked
package com.northwind.shop.gateway.routing;

import org.jspecify.annotations.NullMarked;
