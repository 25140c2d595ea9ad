package com.northwind.shop.gateway.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the gateway's Redis keys live, under {@code northwind.redis}.
 *
 * @param keyPrefix prepended to every key, so that environments or test runs sharing one Redis never collide
 */
@ConfigurationProperties("northwind.redis")
record RedisKeyProperties(@DefaultValue("") String keyPrefix) {}
