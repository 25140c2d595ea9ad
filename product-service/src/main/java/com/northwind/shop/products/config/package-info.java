/** Service-wide settings. */
@NullMarked
package com.northwind.shop.products.config;

import org.jspecify.annotations.NullMarked;
