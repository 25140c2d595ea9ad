package com.northwind.shop.products.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Namespacing of every Redis key this service writes, under {@code northwind.redis}. The test harness sets a
 * per-run prefix so that parallel runs never see each other's keys.
 *
 * @param keyPrefix prepended to every key; empty by default
 */
@ConfigurationProperties("northwind.redis")
public record RedisKeyProperties(String keyPrefix) {

    public RedisKeyProperties {
        if (keyPrefix == null) {
            keyPrefix = "";
        }
    }
}
