/** payment-service configuration: settings, security rules, scheduling. */
@NullMarked
package com.northwind.shop.payments.config;

import org.jspecify.annotations.NullMarked;
