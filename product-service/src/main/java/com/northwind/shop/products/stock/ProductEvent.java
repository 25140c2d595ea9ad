package com.northwind.shop.products.stock;

import com.northwind.shop.platform.events.PublishedEvent;

/** The events product-service publishes on {@code products.events}; their JSON is the saga's contract. */
sealed interface ProductEvent extends PublishedEvent permits StockUnavailable {

    String STREAM = "products.events";

    @Override
    default String stream() {
        return STREAM;
    }
}
