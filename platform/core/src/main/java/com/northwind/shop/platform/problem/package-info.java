/** RFC 9457 problem details: one error shape for every service and the gateway. */
@NullMarked
package com.northwind.shop.platform.problem;

import org.jspecify.annotations.NullMarked;
