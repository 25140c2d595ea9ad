/** The system as ops deploy it: images from docker/Dockerfile, services from docker-compose.yml, a real engine. */
@NullMarked
package com.northwind.shop.containers;

import org.jspecify.annotations.NullMarked;
