/** order-service configuration: settings, security rules, scheduling. */
@NullMarked
package com.northwind.shop.orders.config;

import org.jspecify.annotations.NullMarked;
