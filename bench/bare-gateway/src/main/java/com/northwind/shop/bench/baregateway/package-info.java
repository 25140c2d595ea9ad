/** The bare gateway of the bench's ceiling scenario. */
@NullMarked
package com.northwind.shop.bench.baregateway;

import org.jspecify.annotations.NullMarked;
