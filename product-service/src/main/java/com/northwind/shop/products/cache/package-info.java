/** Cache-aside in Redis for the public catalog's ready-made JSON representations. */
@NullMarked
package com.northwind.shop.products.cache;

import org.jspecify.annotations.NullMarked;
