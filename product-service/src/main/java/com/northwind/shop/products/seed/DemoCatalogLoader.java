package com.northwind.shop.products.seed;

import com.northwind.shop.products.catalog.ProductsChanged;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** Loads the {@link DemoCatalog} at startup when the {@code demo} profile is active ({@code SPRING_PROFILES_ACTIVE=demo}). */
@Component
@Profile("demo")
class DemoCatalogLoader implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoCatalogLoader.class);

    private final DemoCatalog catalog;
    private final ApplicationEventPublisher events;

    DemoCatalogLoader(
            JdbcClient jdbc, TransactionTemplate transactions, JsonMapper json, ApplicationEventPublisher events) {
        this.catalog = new DemoCatalog(jdbc, transactions, json);
        this.events = events;
    }

    @Override
    public void run(ApplicationArguments args) {
        int inserted = catalog.load();
        // New products change every listing page that might be cached.
        events.publishEvent(new ProductsChanged(Set.of()));
        log.info("Demo catalog loaded: {} new product(s)", inserted);
    }
}
