package com.northwind.shop.orders.product;

import com.northwind.shop.orders.Money;
import java.util.UUID;

/**
 * A product as product-service describes it, only the fields order-service reads.
 *
 * @param id the product id
 * @param name its display name
 * @param price its current unit price
 * @param active whether it can be sold
 */
public record Product(UUID id, String name, Money price, boolean active) {}
