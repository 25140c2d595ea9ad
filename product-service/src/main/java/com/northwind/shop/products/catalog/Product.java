package com.northwind.shop.products.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A product of the catalog, as admins edit it. Stock counters are written once at creation and afterwards only by
 * conditional UPDATEs (stock adjustments, reservations), never by this entity, so that an admin edit can never overwrite a
 * concurrent reservation; likewise stock changes do not bump {@link #version}, which guards what people edit.
 */
@Entity
@Table(name = "products")
class Product {

    @Id
    private UUID id;

    private String sku;

    private String name;

    private String description;

    @Column(name = "price_amount")
    private long priceAmount;

    @JdbcTypeCode(SqlTypes.CHAR)
    @Column(length = 3)
    private String currency;

    @Column(name = "category_id")
    private UUID categoryId;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "image_urls")
    private List<String> imageUrls;

    @JdbcTypeCode(SqlTypes.JSON)
    private Map<String, Object> attributes;

    private boolean active;

    @Column(name = "stock_quantity", updatable = false)
    private int stockQuantity;

    @Column(name = "available_quantity", updatable = false)
    private int availableQuantity;

    @Column(name = "created_at", updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    @Version
    private long version;

    protected Product() {
        // for JPA
    }

    Product(
            String sku,
            String name,
            String description,
            Money price,
            UUID categoryId,
            List<String> imageUrls,
            Map<String, Object> attributes,
            boolean active,
            int initialStock) {
        this.id = UUID.randomUUID();
        this.sku = sku;
        this.name = name;
        this.description = description;
        this.priceAmount = price.amount();
        this.currency = price.currency();
        this.categoryId = categoryId;
        this.imageUrls = List.copyOf(imageUrls);
        this.attributes = Map.copyOf(attributes);
        this.active = active;
        this.stockQuantity = initialStock;
        this.availableQuantity = initialStock;
        this.createdAt = Instant.now();
        this.updatedAt = createdAt;
    }

    /** Applies the fields present in {@code update}; absent ones keep their value. */
    void apply(UpdateProductRequest update) {
        if (update.sku() != null) {
            sku = update.sku();
        }
        if (update.name() != null) {
            name = update.name();
        }
        if (update.description() != null) {
            description = update.description();
        }
        if (update.price() != null) {
            priceAmount = update.price().amount();
            currency = update.price().currency();
        }
        if (update.categoryId() != null) {
            categoryId = update.categoryId();
        }
        if (update.imageUrls() != null) {
            imageUrls = List.copyOf(update.imageUrls());
        }
        if (update.attributes() != null) {
            attributes = Map.copyOf(update.attributes());
        }
        if (update.active() != null) {
            active = update.active();
        }
        updatedAt = Instant.now();
    }

    /** Takes the product off the public listing; orders already placed keep their reservations. */
    void deactivate() {
        if (active) {
            active = false;
            updatedAt = Instant.now();
        }
    }

    UUID id() {
        return id;
    }

    String sku() {
        return sku;
    }

    long version() {
        return version;
    }
}
