/** Problem details for Spring MVC services: controller advice, error page controller, body size limit. */
@NullMarked
package com.northwind.shop.platform.web.servlet;

import org.jspecify.annotations.NullMarked;
