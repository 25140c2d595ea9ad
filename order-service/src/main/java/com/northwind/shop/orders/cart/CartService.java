package com.northwind.shop.orders.cart;

import com.northwind.shop.orders.Money;
import com.northwind.shop.orders.config.OrdersProperties;
import com.northwind.shop.orders.product.Product;
import com.northwind.shop.orders.product.ProductCatalogClient;
import com.northwind.shop.orders.product.ProductUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** Reads and changes carts; every product is checked against product-service, every price is its current one. */
@Service
public class CartService {

    /** The most units of one product a cart holds, as {@link PutCartItemRequest} allows. */
    static final int MAX_QUANTITY = 100;

    private final Carts carts;
    private final ProductCatalogClient products;
    private final OrdersProperties properties;

    CartService(Carts carts, ProductCatalogClient products, OrdersProperties properties) {
        this.carts = carts;
        this.products = products;
        this.properties = properties;
    }

    /** The cart with every line priced now: one call to product-service for all its products. */
    public CartResponse cart(UUID userId) {
        List<CartLine> lines = carts.lines(userId);
        return priced(
                lines, products.products(lines.stream().map(CartLine::productId).toList()));
    }

    /**
     * Sets a line's quantity (adding the line if new) after checking the product is for sale; one call to
     * product-service checks it and prices the whole cart.
     */
    public CartResponse put(UUID userId, UUID productId, int quantity) {
        List<CartLine> lines = new ArrayList<>(carts.lines(userId));
        List<UUID> ids = new ArrayList<>(lines.stream().map(CartLine::productId).toList());
        int at = ids.indexOf(productId);
        if (at < 0) {
            ids.add(productId);
        }
        Map<UUID, Product> known = products.products(ids);
        Product product = known.get(productId);
        if (product == null || !product.active()) {
            throw new ProductUnavailableException("Product " + productId + " is not available.");
        }
        if ((at < 0 && lines.size() >= properties.maxCartItems())
                || !carts.put(userId, productId, quantity, properties.maxCartItems())) {
            throw new CartFullException(properties.maxCartItems());
        }
        if (at < 0) {
            lines.add(new CartLine(productId, quantity));
        } else {
            lines.set(at, new CartLine(productId, quantity));
        }
        return priced(lines, known);
    }

    private static CartResponse priced(List<CartLine> lines, Map<UUID, Product> known) {
        List<CartResponse.Item> items = new ArrayList<>(lines.size());
        for (CartLine line : lines) {
            Product product = known.get(line.productId());
            items.add(
                    product != null && product.active()
                            ? item(product, line.quantity(), true)
                            : new CartResponse.Item(
                                    line.productId(),
                                    "",
                                    line.quantity(),
                                    new Money(0, "XXX"),
                                    new Money(0, "XXX"),
                                    false));
        }
        List<CartResponse.Item> priced =
                items.stream().filter(CartResponse.Item::available).toList();
        Money total = priced.isEmpty()
                ? null
                : new Money(
                        priced.stream()
                                .mapToLong(item -> item.lineTotal().amount())
                                .reduce(0L, Math::addExact),
                        priced.get(0).lineTotal().currency());
        return new CartResponse(items, total);
    }

    public CartResponse remove(UUID userId, UUID productId) {
        carts.remove(userId, productId);
        return cart(userId);
    }

    public void clear(UUID userId) {
        carts.clear(userId);
    }

    /**
     * Moves a guest cart into the user's cart, quantities added and bounded, new products while there is room; the
     * guest cart is empty afterwards.
     */
    public void merge(UUID guestCart, UUID userId) {
        carts.merge(guestCart, userId, MAX_QUANTITY, properties.maxCartItems());
    }

    private static CartResponse.Item item(Product product, int quantity, boolean available) {
        return new CartResponse.Item(
                product.id(),
                product.name(),
                quantity,
                product.price(),
                new Money(
                        Math.multiplyExact(product.price().amount(), quantity),
                        product.price().currency()),
                available);
    }
}
