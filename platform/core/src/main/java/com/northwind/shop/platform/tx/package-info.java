/** Transaction helpers shared by the services. */
@NullMarked
package com.northwind.shop.platform.tx;

import org.jspecify.annotations.NullMarked;
