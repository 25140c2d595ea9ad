/** Gatling simulations of the bench harness (open model, fixed arrival rates, assertions that fail the run). */
@NullMarked
package com.northwind.shop.bench;

import org.jspecify.annotations.NullMarked;
