package com.northwind.shop.products.cache;

import com.northwind.shop.platform.RedisKeyProperties;
import com.northwind.shop.products.config.ProductsProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.serializer.RedisSerializer;

/** The Redis plumbing of the catalog cache. */
@Configuration(proxyBeanMethods = false)
class CacheConfiguration {

    @Bean
    RedisTemplate<String, Representation> representationRedisTemplate(RedisConnectionFactory connections) {
        RedisTemplate<String, Representation> template = new RedisTemplate<>();
        template.setConnectionFactory(connections);
        template.setKeySerializer(RedisSerializer.string());
        template.setValueSerializer(new RepresentationSerializer());
        template.setEnableDefaultSerializer(false);
        template.afterPropertiesSet();
        return template;
    }

    @Bean
    RepresentationCache representationCache(
            RedisTemplate<String, Representation> representationRedisTemplate,
            StringRedisTemplate strings,
            ProductsProperties properties,
            RedisKeyProperties keys,
            MeterRegistry meters,
            Clock clock) {
        return new RepresentationCache(representationRedisTemplate, strings, properties, keys, meters, clock);
    }

    @Bean
    EvictionSubscription catalogEvictionSubscription(
            RedisConnectionFactory connections,
            RepresentationCache representationCache,
            ProductsProperties properties) {
        return new EvictionSubscription(
                connections, representationCache, properties.cache().backoff());
    }
}
