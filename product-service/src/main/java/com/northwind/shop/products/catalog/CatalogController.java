package com.northwind.shop.products.catalog;

import com.northwind.shop.products.cache.Representation;
import com.northwind.shop.products.config.ProductsProperties;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public catalog, readable without a token. Responses carry an {@code ETag} (a matching {@code If-None-Match}
 * gets 304) and a {@code Cache-Control} that lets browsers and a CDN keep them briefly.
 */
@RestController
@Tag(name = "Catalog", description = "Products and categories; public, no token needed")
class CatalogController {

    private final CatalogReads reads;
    private final CacheControl cacheControl;

    CatalogController(CatalogReads reads, ProductsProperties properties) {
        this.reads = reads;
        this.cacheControl = CacheControl.maxAge(properties.http().maxAge().toSeconds(), TimeUnit.SECONDS)
                .sMaxAge(properties.http().sharedMaxAge().toSeconds(), TimeUnit.SECONDS)
                .cachePublic();
    }

    @GetMapping(path = "/api/products", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Search and list active products",
            description = "Full-text search, category and price filters, sorting and paging (size at most 100).")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ProductPageDoc.class)))
    @ApiResponse(responseCode = "304", description = "Not modified (If-None-Match)")
    @ApiResponse(
            responseCode = "400",
            description = "Invalid parameter",
            content = @Content(mediaType = "application/problem+json"))
    ResponseEntity<byte[]> list(@ParameterObject @Valid ProductSearch search) {
        return send(reads.list(search.normalize()));
    }

    @GetMapping(path = "/api/products/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "One product, active or not")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ProductResponse.class)))
    @ApiResponse(responseCode = "304", description = "Not modified (If-None-Match)")
    @ApiResponse(
            responseCode = "404",
            description = "No such product",
            content = @Content(mediaType = "application/problem+json"))
    ResponseEntity<byte[]> product(@PathVariable UUID id) {
        return send(reads.product(id));
    }

    @GetMapping(path = "/api/categories", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Every category, by name")
    ResponseEntity<List<CategoryResponse>> categories() {
        return ResponseEntity.ok().cacheControl(cacheControl).body(reads.categories());
    }

    /** Spring answers 304 itself when the request's If-None-Match matches this ETag. */
    private ResponseEntity<byte[]> send(Representation representation) {
        return ResponseEntity.ok()
                .eTag(representation.etag())
                .cacheControl(cacheControl)
                .contentType(MediaType.APPLICATION_JSON)
                .body(representation.body());
    }

    /** The page of products, for the OpenAPI description only (the body is sent pre-serialized). */
    @Schema(name = "ProductPage", example = """
                    {"content": [{"id": "3f2b6c1e-8d4a-4b7f-9e21-5a6c7d8e9f01", "sku": "MUG-0042", "name": "Enamel mug", \
                    "description": "350 ml, dishwasher safe", "price": {"amount": 1299, "currency": "USD"}, \
                    "category": {"id": "9b1d2c3e-4f5a-4b6c-8d7e-0f1a2b3c4d5e", "slug": "kitchen", "name": "Kitchen"}, \
                    "imageUrls": ["https://img.northwind.example/mug-0042.jpg"], "attributes": {"colour": "blue"}, \
                    "active": true, "availableQuantity": 120, "version": 3}], \
                    "page": {"number": 0, "size": 20, "totalElements": 1, "totalPages": 1}}
                    """)
    record ProductPageDoc(@ArraySchema(maxItems = 100) List<ProductResponse> content, PageResponse.PageMetadata page) {}
}
