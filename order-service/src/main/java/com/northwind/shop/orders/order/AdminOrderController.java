package com.northwind.shop.orders.order;

import com.northwind.shop.orders.PageResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/admin/orders")
@Tag(name = "Orders (admin)", description = "Every customer's orders")
class AdminOrderController {

    private final OrderService orders;

    AdminOrderController(OrderService orders) {
        this.orders = orders;
    }

    @GetMapping
    @Operation(summary = "All orders, newest first, optionally of one status")
    PageResponse<OrderResponse> all(
            @RequestParam(required = false) @Nullable OrderStatus status,
            @RequestParam(defaultValue = "0") @Parameter(description = "Zero-based page number") @Min(0) @Max(10_000)
                    int page,
            @RequestParam(defaultValue = "20") @Parameter(description = "Page size, 1 to 50") @Min(1) @Max(50)
                    int size) {
        return orders.all(status, page, size);
    }
}
