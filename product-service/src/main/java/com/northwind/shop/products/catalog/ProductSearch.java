package com.northwind.shop.products.catalog;

import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The query string of {@code GET /api/products}.
 *
 * @param q words to search for in name, SKU and description (web search syntax: quotes, {@code or}, {@code -})
 * @param category a category's slug or id
 * @param minPrice lowest price in minor units, inclusive
 * @param maxPrice highest price in minor units, inclusive
 * @param sort {@code relevance} (the default with {@code q}), {@code name,asc} (the default otherwise),
 *     {@code name,desc}, {@code price,asc}, {@code price,desc} or {@code newest}
 * @param page zero-based page number
 * @param size page size, at most 100
 */
record ProductSearch(
        @Parameter(description = "Words to search for in name, SKU and description") @Size(max = 200) @Nullable
        String q,

        @Parameter(description = "A category's slug or id") @Size(max = 80) @Nullable
        String category,

        @Parameter(description = "Lowest price in minor units, inclusive")
        @PositiveOrZero
        @Max(Money.MAX_AMOUNT)
        @Nullable
        Long minPrice,

        @Parameter(description = "Highest price in minor units, inclusive")
        @PositiveOrZero
        @Max(Money.MAX_AMOUNT)
        @Nullable
        Long maxPrice,

        @Parameter(description = "relevance, name,asc, name,desc, price,asc, price,desc or newest")
        @Size(max = 10)
        @Pattern(
                regexp = "relevance|name,asc|name,desc|price,asc|price,desc|newest",
                message = "must be one of relevance, name,asc, name,desc, price,asc, price,desc, newest")
        @Nullable
        String sort,

        @Parameter(description = "Zero-based page number") @Min(0) @Max(10_000) @Nullable
        Integer page,

        @Parameter(description = "Page size, 1 to 100") @Min(1) @Max(100) @Nullable
        Integer size) {

    static final int DEFAULT_SIZE = 20;

    /** The deepest page (zero-based) the listing cache keeps. */
    static final int MAX_CACHED_PAGE = 9;

    /** The longest normalized search text the listing cache keeps. */
    static final int MAX_CACHED_QUERY_LENGTH = 64;

    @AssertTrue(message = "minPrice must not be greater than maxPrice")
    boolean isPriceRangeValid() {
        return minPrice == null || maxPrice == null || minPrice <= maxPrice;
    }

    /** The search with defaults filled in and blank values dropped, ready to run and to use as a cache key. */
    Normalized normalize() {
        // Full-text search ignores case (websearch_to_tsquery, english), so "Boots" and "boots" are one cache key.
        String words = q == null || q.isBlank()
                ? null
                : q.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        String cat = category == null || category.isBlank() ? null : category.strip();
        String order = sort != null ? sort : words != null ? "relevance" : "name,asc";
        if (order.equals("relevance") && words == null) {
            order = "name,asc";
        }
        return new Normalized(
                words,
                cat,
                minPrice,
                maxPrice,
                Order.of(order),
                page != null ? page : 0,
                size != null ? size : DEFAULT_SIZE);
    }

    /** A validated search with its defaults applied. */
    record Normalized(
            @Nullable String q,
            @Nullable String category,
            @Nullable Long minPrice,
            @Nullable Long maxPrice,
            Order order,
            int page,
            int size) {

        @Nullable
        UUID categoryId() {
            if (category == null) {
                return null;
            }
            try {
                return UUID.fromString(category);
            } catch (IllegalArgumentException notAnId) {
                return null;
            }
        }

        /**
         * Whether this page may be kept in the listing cache. Clients choose {@code q}, prices and page freely, so
         * the set of possible keys is unbounded; long searches and deep pages are rare and are served from
         * PostgreSQL every time rather than let anyone fill Redis with one-off keys. The rest is bounded by the
         * listing TTL and Redis' memory limit ({@code docs/architecture.md}, Redis layout).
         */
        boolean cacheable() {
            return page <= MAX_CACHED_PAGE && (q == null || q.length() <= MAX_CACHED_QUERY_LENGTH);
        }

        /** Identifies this search among all others, for the listing cache. */
        String cacheKey() {
            return "q=" + (q == null ? "" : q) + "&c=" + (category == null ? "" : category) + "&min="
                    + (minPrice == null ? "" : minPrice) + "&max=" + (maxPrice == null ? "" : maxPrice) + "&s="
                    + order.name() + "&p=" + page + "&n=" + size;
        }
    }

    /** The orders the listing offers; each ends with the id so that pages are stable. */
    enum Order {
        RELEVANCE("ts_rank(p.search, websearch_to_tsquery('english', :q)) DESC, p.id"),
        NAME_ASC("p.name, p.id"),
        NAME_DESC("p.name DESC, p.id DESC"),
        PRICE_ASC("p.price_amount, p.id"),
        PRICE_DESC("p.price_amount DESC, p.id DESC"),
        NEWEST("p.created_at DESC, p.id DESC");

        final String sql;

        Order(String sql) {
            this.sql = sql;
        }

        static Order of(String parameter) {
            return switch (parameter) {
                case "relevance" -> RELEVANCE;
                case "name,desc" -> NAME_DESC;
                case "price,asc" -> PRICE_ASC;
                case "price,desc" -> PRICE_DESC;
                case "newest" -> NEWEST;
                default -> NAME_ASC;
            };
        }
    }
}
