/** gateway-service: the one front door for frontends. */
@NullMarked
package com.northwind.shop.gateway;

import org.jspecify.annotations.NullMarked;
