package com.northwind.shop.products.testing;

import com.northwind.shop.platform.test.RealInfrastructure;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * The one application context of this service's integration tests: the whole app on a random port, against real
 * PostgreSQL and Redis, with SQL statements counted. Every test class uses it unchanged, so the context is cached.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            // Tests run the expiry job themselves; a scheduled run would add SQL statements to what they count.
            "northwind.products.reservations.expiry-interval=1h",
            // Likewise the outbox relay's polling; it still runs right after every commit that wrote an event.
            "northwind.events.relay-interval=1h",
            // Statement-count tests count every SQL statement: no background trimming or gauge readings meanwhile.
            "northwind.events.trim-interval=1h",
            "northwind.events.metrics-interval=1h",
            // Near entries outlive every test: a read can only see a change because it was evicted, never because
            // an entry happened to expire.
            "northwind.products.cache.near-ttl=10m",
        })
@RealInfrastructure
@Import(StatementCounter.Configuration.class)
public @interface ProductsServiceTest {}
