package com.northwind.shop.orders.cart;

import com.northwind.shop.platform.security.TokenPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The cart of the signed-in user, or of a guest identified by {@code X-Cart-Token} (issued on the guest's first
 * {@code PUT}). A signed-in call that still sends a guest token merges that guest cart into the user's.
 */
@RestController
@RequestMapping("/api/cart")
@Tag(name = "Cart", description = "The caller's shopping cart, priced with current prices")
class CartController {

    static final String CART_TOKEN = "X-Cart-Token";

    private final CartService carts;

    CartController(CartService carts) {
        this.carts = carts;
    }

    @GetMapping
    @Operation(summary = "The caller's cart with current prices and total")
    ResponseEntity<CartResponse> cart(
            @AuthenticationPrincipal @Nullable TokenPrincipal me,
            @Parameter(
                            description = "A guest's cart token (answered in X-Cart-Token by the first PUT)",
                            schema = @Schema(type = "string", pattern = "^[A-Za-z0-9_-]{32,64}$", maxLength = 64))
                    @RequestHeader(name = CART_TOKEN, required = false)
                    @Nullable
                    String cartToken) {
        Owner owner = owner(me, cartToken, false);
        if (owner.cartId() == null) {
            return ResponseEntity.ok(new CartResponse(List.of(), null));
        }
        return owner.answer(carts.cart(owner.cartId()));
    }

    @PutMapping("/items/{productId}")
    @Operation(
            summary = "Sets how many units of a product the cart holds (unknown or inactive product, or a new product"
                    + " for a cart that holds 50 already: 422)")
    @ApiResponse(
            responseCode = "200",
            description = "The cart; a guest's first PUT answers its new cart token in X-Cart-Token",
            headers =
                    @Header(
                            name = CART_TOKEN,
                            description = "The guest's cart token, to send with every later cart call",
                            schema = @Schema(type = "string", pattern = "^[A-Za-z0-9_-]{32,64}$", maxLength = 64)))
    @ApiResponse(responseCode = "422", description = "Unknown or inactive product, or the cart is full (cart-full)")
    ResponseEntity<CartResponse> put(
            @AuthenticationPrincipal @Nullable TokenPrincipal me,
            @Parameter(
                            description = "A guest's cart token (answered in X-Cart-Token by the first PUT)",
                            schema = @Schema(type = "string", pattern = "^[A-Za-z0-9_-]{32,64}$", maxLength = 64))
                    @RequestHeader(name = CART_TOKEN, required = false)
                    @Nullable
                    String cartToken,
            @PathVariable UUID productId,
            @Valid @RequestBody PutCartItemRequest request) {
        Owner owner = owner(me, cartToken, true);
        return owner.answer(carts.put(Objects.requireNonNull(owner.cartId()), productId, request.quantity()));
    }

    @DeleteMapping("/items/{productId}")
    @Operation(summary = "Removes a product from the cart")
    ResponseEntity<CartResponse> remove(
            @AuthenticationPrincipal @Nullable TokenPrincipal me,
            @Parameter(
                            description = "A guest's cart token (answered in X-Cart-Token by the first PUT)",
                            schema = @Schema(type = "string", pattern = "^[A-Za-z0-9_-]{32,64}$", maxLength = 64))
                    @RequestHeader(name = CART_TOKEN, required = false)
                    @Nullable
                    String cartToken,
            @PathVariable UUID productId) {
        Owner owner = owner(me, cartToken, false);
        if (owner.cartId() == null) {
            return ResponseEntity.ok(new CartResponse(List.of(), null));
        }
        return owner.answer(carts.remove(owner.cartId(), productId));
    }

    @DeleteMapping
    @Operation(summary = "Empties the cart")
    @ApiResponse(responseCode = "204", description = "The cart is empty")
    ResponseEntity<Void> clear(
            @AuthenticationPrincipal @Nullable TokenPrincipal me,
            @Parameter(
                            description = "A guest's cart token (answered in X-Cart-Token by the first PUT)",
                            schema = @Schema(type = "string", pattern = "^[A-Za-z0-9_-]{32,64}$", maxLength = 64))
                    @RequestHeader(name = CART_TOKEN, required = false)
                    @Nullable
                    String cartToken) {
        Owner owner = owner(me, cartToken, false);
        if (owner.cartId() != null) {
            carts.clear(owner.cartId());
        }
        return ResponseEntity.noContent().build();
    }

    /** Whose cart a call is about; merges a guest cart into the user's on the first signed-in call. */
    private Owner owner(@Nullable TokenPrincipal me, @Nullable String cartToken, boolean create) {
        if (cartToken != null && !GuestCartToken.isWellFormed(cartToken)) {
            throw new InvalidCartTokenException();
        }
        if (me != null && me.userId() != null) {
            if (cartToken != null) {
                carts.merge(GuestCartToken.cartId(cartToken), me.userId());
            }
            return new Owner(me.userId(), null);
        }
        if (cartToken != null) {
            return new Owner(GuestCartToken.cartId(cartToken), cartToken);
        }
        if (!create) {
            return new Owner(null, null);
        }
        String issued = GuestCartToken.generate();
        return new Owner(GuestCartToken.cartId(issued), issued);
    }

    private record Owner(@Nullable UUID cartId, @Nullable String guestToken) {

        ResponseEntity<CartResponse> answer(CartResponse cart) {
            ResponseEntity.BodyBuilder response = ResponseEntity.ok();
            if (guestToken != null) {
                response.header(CART_TOKEN, guestToken);
            }
            return response.body(cart);
        }
    }
}
