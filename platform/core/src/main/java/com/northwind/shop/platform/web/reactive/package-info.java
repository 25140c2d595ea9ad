/** Problem details for reactive (WebFlux) applications such as the gateway. */
@NullMarked
package com.northwind.shop.platform.web.reactive;

import org.jspecify.annotations.NullMarked;
