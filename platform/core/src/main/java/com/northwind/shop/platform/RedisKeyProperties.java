package com.northwind.shop.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Namespacing of every Redis key a service writes, under {@code northwind.redis} (env {@code REDIS_KEY_PREFIX}). The
 * test harness sets a per-run prefix so that parallel runs never see each other's keys; the event streams use it too.
 *
 * @param keyPrefix prepended to every key; empty by default
 */
@ConfigurationProperties("northwind.redis")
public record RedisKeyProperties(@DefaultValue("") String keyPrefix) {}
