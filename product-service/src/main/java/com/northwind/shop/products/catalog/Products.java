package com.northwind.shop.products.catalog;

import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

/** The products, as entities for admin writes; reads go through {@link ProductQueries}. */
interface Products extends JpaRepository<Product, UUID> {

    boolean existsBySku(String sku);

    boolean existsBySkuAndIdNot(String sku, UUID id);
}
