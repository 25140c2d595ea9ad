/** Web-stack adapters (servlet and reactive) that render every error as a problem detail. */
@NullMarked
package com.northwind.shop.platform.web;

import org.jspecify.annotations.NullMarked;
