package com.northwind.shop.orders.product;

import com.northwind.shop.platform.problem.DomainException;
import java.util.List;
import java.util.Map;

/** product-service has not enough stock for some lines; nothing was reserved. */
public class InsufficientStockException extends DomainException {

    private final List<Object> lines;

    public InsufficientStockException(List<Object> lines) {
        super(Kind.CONFLICT, "insufficient-stock", "Not enough stock for some items.");
        this.lines = List.copyOf(lines);
    }

    /** The shortages as product-service listed them. */
    public List<Object> lines() {
        return lines;
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("lines", lines);
    }
}
