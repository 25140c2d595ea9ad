/** product-service: catalog, prices, stock and reservations. */
@NullMarked
package com.northwind.shop.products;

import org.jspecify.annotations.NullMarked;
