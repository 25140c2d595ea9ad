package com.northwind.shop.platform.events;

import com.northwind.shop.platform.RedisKeyProperties;
import com.northwind.shop.platform.security.servlet.InternalEndpoint;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** The outbox, its relay and the stream consumers, for services that set {@code northwind.events.enabled=true}. */
@AutoConfiguration(
        afterName = {
            "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration",
            "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
            "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
            "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration"
        })
@ConditionalOnClass({StringRedisTemplate.class, JdbcTemplate.class})
@ConditionalOnProperty(name = "northwind.events.enabled", havingValue = "true")
@EnableConfigurationProperties(EventsProperties.class)
public class EventsAutoConfiguration {

    /** The streams' Redis keys, under the one key prefix of every Redis key the service writes. */
    @Bean
    StreamKeys streamKeys(RedisKeyProperties redisKeys) {
        return new StreamKeys(redisKeys.keyPrefix());
    }

    @Bean
    OutboxMaintenance outboxMaintenance(
            JdbcTemplate jdbc, StringRedisTemplate redis, EventsProperties properties, StreamKeys keys) {
        return new OutboxMaintenance(jdbc, redis, properties, keys);
    }

    @Bean
    OutboxRelay outboxRelay(
            JdbcTemplate jdbc,
            PlatformTransactionManager transactions,
            StringRedisTemplate redis,
            EventsProperties properties,
            StreamKeys keys,
            OutboxMaintenance maintenance) {
        return new OutboxRelay(jdbc, new TransactionTemplate(transactions), redis, properties, keys, maintenance);
    }

    @Bean
    OutboxRelayScheduler outboxRelayScheduler(
            OutboxRelay relay, EventsProperties properties, OutboxMaintenance maintenance) {
        return new OutboxRelayScheduler(relay, properties.relayInterval(), maintenance, properties.trimInterval());
    }

    @Bean
    Outbox outbox(JdbcTemplate jdbc, JsonMapper json, ObjectProvider<Tracer> tracer, OutboxRelayScheduler scheduler) {
        return new Outbox(jdbc, json, tracer, scheduler::wakeUp);
    }

    @Bean
    @ConditionalOnBean(Subscription.class)
    ProcessedEvents processedEvents(
            JdbcTemplate jdbc,
            PlatformTransactionManager transactions,
            JsonMapper json,
            ObjectProvider<Tracer> tracer) {
        return new ProcessedEvents(jdbc, new TransactionTemplate(transactions), json, tracer);
    }

    @Bean
    @ConditionalOnBean(Subscription.class)
    EventConsumers eventConsumers(
            ObjectProvider<Subscription> subscriptions,
            StringRedisTemplate redis,
            ProcessedEvents processed,
            EventsProperties properties,
            StreamKeys keys,
            ObjectProvider<MeterRegistry> meters,
            Environment environment) {
        return new EventConsumers(
                subscriptions.orderedStream().toList(),
                redis,
                processed,
                properties,
                keys,
                meters,
                environment.getProperty("spring.application.name", "service"));
    }

    @Bean
    @ConditionalOnBean(Subscription.class)
    DeadLetters deadLetters(
            ObjectProvider<Subscription> subscriptions,
            ProcessedEvents processed,
            StringRedisTemplate redis,
            StreamKeys keys) {
        return new DeadLetters(subscriptions.orderedStream().toList(), processed, redis, keys);
    }

    @Bean
    SagaMetrics sagaMetrics(
            JdbcTemplate jdbc,
            StringRedisTemplate redis,
            EventsProperties properties,
            StreamKeys keys,
            ObjectProvider<Subscription> subscriptions,
            ObjectProvider<DeadLetters> deadLetters,
            ObjectProvider<MeterRegistry> registry) {
        return new SagaMetrics(
                jdbc,
                redis,
                properties,
                keys,
                subscriptions.orderedStream().toList(),
                deadLetters.getIfAvailable(),
                registry);
    }

    /** The operators' endpoint, for services that serve HTTP (declared after {@link #deadLetters}, which it needs). */
    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnBean(DeadLetters.class)
    DeadLetterController deadLetterController(DeadLetters deadLetters) {
        return new DeadLetterController(deadLetters);
    }

    /** Who may use the dead-letter endpoint: operators' clients, not the services that call each other. */
    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnBean(DeadLetters.class)
    InternalEndpoint deadLetterEndpoint(EventsProperties properties) {
        return new InternalEndpoint("/internal/events/dead-letters/**", properties.deadLetterClients());
    }
}
