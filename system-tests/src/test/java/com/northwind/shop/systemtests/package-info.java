/**
 * System tests: the real jars, started by the local-stack launcher, driven only through the gateway over HTTP like a
 * frontend; PostgreSQL is read directly only to check consistency (stock, payments).
 */
@NullMarked
package com.northwind.shop.systemtests;

import org.jspecify.annotations.NullMarked;
