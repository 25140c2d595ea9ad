/** Per-caller token buckets in Redis that fail open when Redis is unreachable. */
@NullMarked
package com.northwind.shop.gateway.ratelimit;

import org.jspecify.annotations.NullMarked;
