/** A demo catalog for local runs and benchmarks, loaded by the demo profile; never part of the migrations. */
@NullMarked
package com.northwind.shop.products.seed;

import org.jspecify.annotations.NullMarked;
