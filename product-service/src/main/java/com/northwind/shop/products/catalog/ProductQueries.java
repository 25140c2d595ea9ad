package com.northwind.shop.products.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The read side of the catalog: plain SQL straight into response records, one statement per product and two per
 * listing page (content and count), without loading entities.
 */
@Component
public class ProductQueries {

    private static final String SELECT = """
            SELECT p.id, p.sku, p.name, p.description, p.price_amount, p.currency, p.image_urls, p.attributes,
                   p.active, p.available_quantity, p.version, c.id AS category_id, c.slug AS category_slug,
                   c.name AS category_name
            FROM products p JOIN categories c ON c.id = p.category_id
            """;
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;

    ProductQueries(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The product as the frontend sees it, read straight from PostgreSQL (no cache). */
    public Optional<ProductResponse> product(UUID id) {
        return jdbc.sql(SELECT + " WHERE p.id = :id")
                .param("id", id)
                .query(this::mapRow)
                .optional();
    }

    /** The products with these ids, active or not, in one statement; unknown ids are left out. */
    List<ProductResponse> products(Collection<UUID> ids) {
        return jdbc.sql(SELECT + " WHERE p.id IN (:ids) ORDER BY p.id")
                .param("ids", ids)
                .query(this::mapRow)
                .list();
    }

    PageResponse<ProductResponse> list(ProductSearch.Normalized search) {
        Listing listing = listing(search);
        List<ProductResponse> content = jdbc.sql(listing.contentSql())
                .params(listing.params())
                .query(this::mapRow)
                .list();
        long total;
        if (content.isEmpty() && search.page() == 0) {
            total = 0;
        } else if (search.page() == 0 && content.size() < search.size()) {
            // The whole result fits on the first page: no need to count it.
            total = content.size();
        } else {
            total = jdbc.sql(listing.countSql())
                    .params(listing.params())
                    .query(Long.class)
                    .single();
        }
        return PageResponse.of(content, search.page(), search.size(), total);
    }

    List<CategoryResponse> categories() {
        return jdbc.sql("SELECT id, slug, name, parent_id FROM categories ORDER BY name, id")
                .query((rs, n) -> new CategoryResponse(
                        rs.getObject("id", UUID.class),
                        rs.getString("slug"),
                        rs.getString("name"),
                        rs.getObject("parent_id", UUID.class)))
                .list();
    }

    boolean categoryExists(UUID id) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM categories WHERE id = :id)")
                .param("id", id)
                .query(Boolean.class)
                .single();
    }

    /** The SQL and parameters of a listing; package-private so that a test can EXPLAIN exactly what runs. */
    static Listing listing(ProductSearch.Normalized search) {
        StringBuilder where = new StringBuilder(" WHERE p.active");
        Map<String, Object> params = new java.util.HashMap<>();
        if (search.q() != null) {
            where.append(" AND p.search @@ websearch_to_tsquery('english', :q)");
            params.put("q", search.q());
        }
        if (search.category() != null) {
            UUID categoryId = search.categoryId();
            if (categoryId != null) {
                where.append(" AND p.category_id = :categoryId");
                params.put("categoryId", categoryId);
            } else {
                where.append(" AND p.category_id = (SELECT id FROM categories WHERE slug = :categorySlug)");
                params.put("categorySlug", search.category());
            }
        }
        if (search.minPrice() != null) {
            where.append(" AND p.price_amount >= :minPrice");
            params.put("minPrice", search.minPrice());
        }
        if (search.maxPrice() != null) {
            where.append(" AND p.price_amount <= :maxPrice");
            params.put("maxPrice", search.maxPrice());
        }
        params.put("limit", search.size());
        params.put("offset", (long) search.page() * search.size());
        String content = SELECT + where + " ORDER BY " + search.order().sql + " LIMIT :limit OFFSET :offset";
        String count = "SELECT count(*) FROM products p" + where;
        return new Listing(content, count, params);
    }

    private ProductResponse mapRow(ResultSet rs, int row) throws SQLException {
        return new ProductResponse(
                rs.getObject("id", UUID.class),
                rs.getString("sku"),
                rs.getString("name"),
                rs.getString("description"),
                new Money(rs.getLong("price_amount"), rs.getString("currency")),
                new ProductResponse.CategoryRef(
                        rs.getObject("category_id", UUID.class),
                        rs.getString("category_slug"),
                        rs.getString("category_name")),
                json.readValue(rs.getString("image_urls"), STRINGS),
                json.readValue(rs.getString("attributes"), OBJECT),
                rs.getBoolean("active"),
                rs.getInt("available_quantity"),
                rs.getLong("version"));
    }

    /** A listing query: its content and count statements and their named parameters. */
    record Listing(String contentSql, String countSql, Map<String, Object> params) {}
}
