package com.northwind.shop.orders.product;

import java.util.List;

/** product-service has not enough stock for some lines; nothing was reserved. */
public class InsufficientStockException extends RuntimeException {

    private final List<Object> lines;

    public InsufficientStockException(List<Object> lines) {
        super("Not enough stock for some items.");
        this.lines = List.copyOf(lines);
    }

    /** The shortages as product-service listed them. */
    public List<Object> lines() {
        return lines;
    }
}
