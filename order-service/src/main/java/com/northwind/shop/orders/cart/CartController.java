package com.northwind.shop.orders.cart;

import com.northwind.shop.platform.security.TokenPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/cart")
@Tag(name = "Cart", description = "The caller's shopping cart, priced with current prices")
class CartController {

    private final CartService carts;

    CartController(CartService carts) {
        this.carts = carts;
    }

    @GetMapping
    @Operation(summary = "The caller's cart with current prices and total")
    CartResponse cart(@AuthenticationPrincipal TokenPrincipal me) {
        return carts.cart(me.requireUserId());
    }

    @PutMapping("/items/{productId}")
    @Operation(summary = "Sets how many units of a product the cart holds (unknown or inactive product: 422)")
    CartResponse put(
            @AuthenticationPrincipal TokenPrincipal me,
            @PathVariable UUID productId,
            @Valid @RequestBody PutCartItemRequest request) {
        return carts.put(me.requireUserId(), productId, request.quantity());
    }

    @DeleteMapping("/items/{productId}")
    @Operation(summary = "Removes a product from the cart")
    CartResponse remove(@AuthenticationPrincipal TokenPrincipal me, @PathVariable UUID productId) {
        return carts.remove(me.requireUserId(), productId);
    }

    @DeleteMapping
    @Operation(summary = "Empties the cart")
    ResponseEntity<Void> clear(@AuthenticationPrincipal TokenPrincipal me) {
        carts.clear(me.requireUserId());
        return ResponseEntity.noContent().build();
    }
}
