/** Test fixtures: real downstream HTTP servers standing in for the services. */
@NullMarked
package com.northwind.shop.gateway.test;

import org.jspecify.annotations.NullMarked;
