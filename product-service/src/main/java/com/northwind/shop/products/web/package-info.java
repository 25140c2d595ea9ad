/** Web plumbing shared by this service's features. */
@NullMarked
package com.northwind.shop.products.web;

import org.jspecify.annotations.NullMarked;
