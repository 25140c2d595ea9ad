package com.northwind.shop.products.stock;

import com.northwind.shop.products.catalog.ProductResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.UUID;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The admin's stock adjustments (role {@code ADMIN}), under the product they change; documented with the rest of the
 * catalog administration.
 */
@RestController
@Tag(name = "Catalog administration", description = "Role ADMIN")
class AdminStockController {

    private final StockAdjustments adjustments;

    AdminStockController(StockAdjustments adjustments) {
        this.adjustments = adjustments;
    }

    @PostMapping("/api/products/{id}/stock-adjustments")
    @Operation(summary = "Add units to the shelf or remove unreserved ones")
    @ApiResponse(responseCode = "409", description = "Would remove reserved units or go below zero")
    ProductResponse adjustStock(@PathVariable UUID id, @Valid @RequestBody StockAdjustmentRequest request) {
        return adjustments.adjust(id, request);
    }
}
