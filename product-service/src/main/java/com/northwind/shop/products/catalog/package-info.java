/** The catalog: categories and products, their public listing and search, and the admin writes. */
@NullMarked
package com.northwind.shop.products.catalog;

import org.jspecify.annotations.NullMarked;
