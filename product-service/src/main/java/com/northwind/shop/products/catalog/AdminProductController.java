package com.northwind.shop.products.catalog;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** The admin's writes to the catalog (role {@code ADMIN}). */
@RestController
@Tag(name = "Catalog administration", description = "Role ADMIN")
class AdminProductController {

    private final CatalogService catalog;

    AdminProductController(CatalogService catalog) {
        this.catalog = catalog;
    }

    @PostMapping("/api/products")
    @Operation(summary = "Create a product")
    @ApiResponse(
            responseCode = "201",
            description = "Created",
            headers = {
                @Header(
                        name = "Location",
                        description = "The product's URL",
                        schema = @Schema(type = "string", format = "uri-reference", maxLength = 100)),
                @Header(
                        name = "ETag",
                        description = "The product's version, for If-Match",
                        schema = @Schema(type = "string", maxLength = 22))
            })
    @ApiResponse(responseCode = "409", description = "The SKU is taken")
    @ApiResponse(responseCode = "400", description = "Invalid fields, or no such category (errors[])")
    ResponseEntity<ProductResponse> create(@Valid @RequestBody CreateProductRequest request) {
        ProductResponse created = catalog.create(request);
        return ResponseEntity.created(URI.create("/api/products/" + created.id()))
                .eTag(String.valueOf(created.version()))
                .body(created);
    }

    @PatchMapping("/api/products/{id}")
    @Operation(
            summary = "Change some fields of a product",
            description = "Send the version you edited as If-Match (\"3\"; stale: 412) or as the body's version"
                    + " (stale: 409); without either: 428.")
    @ApiResponse(responseCode = "409", description = "The body's version is stale, or the SKU is taken")
    @ApiResponse(responseCode = "412", description = "If-Match names a stale version")
    @ApiResponse(responseCode = "400", description = "Invalid fields, or no such category (errors[])")
    @ApiResponse(responseCode = "428", description = "Neither If-Match nor a version in the body")
    ResponseEntity<ProductResponse> update(
            @PathVariable UUID id,
            @Valid @RequestBody UpdateProductRequest request,
            @Parameter(
                            description = "The version edited, as answered in ETag, e.g. \"3\"",
                            schema = @Schema(type = "string", maxLength = 24, example = "\"3\""))
                    @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                    @Nullable
                    String ifMatch) {
        ProductResponse updated = catalog.update(id, request, ifMatch);
        return ResponseEntity.ok().eTag(String.valueOf(updated.version())).body(updated);
    }

    @PostMapping("/api/products/{id}/deactivate")
    @Operation(summary = "Take a product off the listing")
    ProductResponse deactivate(@PathVariable UUID id) {
        return catalog.deactivate(id);
    }
}
