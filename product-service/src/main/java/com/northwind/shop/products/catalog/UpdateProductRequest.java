package com.northwind.shop.products.catalog;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
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
 * An admin's partial update: only the fields present change. Stock is not edited here but adjusted through
 * {@code POST /api/products/{id}/stock-adjustments}, so that an edit never races a reservation.
 *
 * @param version the version the admin edited, unless it is sent as {@code If-Match}
 */
@Schema(example = """
                {"price": {"amount": 1099, "currency": "USD"}, "description": "350 ml, dishwasher safe, now in blue", "version": 3}
                """)
record UpdateProductRequest(
        @Size(min = 1, max = 64) @Pattern(regexp = Sku.PATTERN, message = Sku.MESSAGE) @Nullable
        String sku,

        @Size(min = 1, max = 200) @Pattern(regexp = ".*\\S.*", message = "must not be blank") @Nullable
        String name,

        @Size(max = 10_000) @Nullable String description,
        @Valid @Nullable Money price,
        @Nullable UUID categoryId,
        @Size(max = 20) @Nullable List<@NotBlank @Size(max = 2_000) @URL(protocol = "https") String> imageUrls,
        @Size(max = 50) @Nullable Map<@NotBlank @Size(max = 100) String, @NotNull Object> attributes,
        @Nullable Boolean active,
        @PositiveOrZero @Nullable Long version) {}
