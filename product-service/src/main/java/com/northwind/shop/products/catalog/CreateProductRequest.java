package com.northwind.shop.products.catalog;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.validator.constraints.URL;
import org.jspecify.annotations.Nullable;

/**
 * An admin's new product: the product's shape without {@code id} and {@code version}, with {@code categoryId}.
 *
 * @param availableQuantity the units on the shelf to start with
 */
@Schema(example = """
                {"sku": "MUG-0042", "name": "Enamel mug", "description": "350 ml, dishwasher safe", "price": {"amount": 1299, "currency": "USD"}, "categoryId": "9b1d2c3e-4f5a-4b6c-8d7e-0f1a2b3c4d5e", "imageUrls": ["https://img.northwind.example/mug-0042.jpg"], "attributes": {"colour": "blue"}, "active": true, "availableQuantity": 120}
                """)
record CreateProductRequest(
        @Schema(example = "MUG-0042") @NotBlank @Size(max = 64) @Pattern(regexp = Sku.PATTERN, message = Sku.MESSAGE)
        String sku,

        @Schema(example = "Enamel mug") @NotBlank @Size(max = 200)
        String name,

        @Schema(example = "350 ml, dishwasher safe") @Size(max = 10_000) @Nullable
        String description,

        @NotNull @Valid Money price,
        @NotNull UUID categoryId,
        @Size(max = 20) @Nullable List<@NotBlank @Size(max = 2_000) @URL(protocol = "https") String> imageUrls,
        @Size(max = 50) @Nullable Map<@NotBlank @Size(max = 100) String, @NotNull Object> attributes,
        @Nullable Boolean active,

        @Schema(example = "120") @NotNull @PositiveOrZero @Max(1_000_000)
        Integer availableQuantity) {}
