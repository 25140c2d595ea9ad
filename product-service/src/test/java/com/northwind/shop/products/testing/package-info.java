/** Fixtures shared by this service's tests. */
@NullMarked
package com.northwind.shop.products.testing;

import org.jspecify.annotations.NullMarked;
