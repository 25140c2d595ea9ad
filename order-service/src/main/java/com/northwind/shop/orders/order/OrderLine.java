package com.northwind.shop.orders.order;

import com.northwind.shop.orders.Money;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One product of an order, with its name and unit price as they were when the stock was reserved. */
@Embeddable
class OrderLine {

    private UUID productId;
    private String name;
    private int quantity;
    private long unitAmount;

    @JdbcTypeCode(SqlTypes.CHAR)
    @Column(length = 3)
    private String currency;

    private long lineTotal;

    protected OrderLine() {
        this.productId = new UUID(0, 0);
        this.name = "";
        this.currency = "";
    }

    OrderLine(UUID productId, String name, int quantity, Money unitPrice) {
        if (quantity < 1) {
            throw new IllegalArgumentException("quantity must be positive");
        }
        this.productId = productId;
        this.name = name;
        this.quantity = quantity;
        this.unitAmount = unitPrice.amount();
        this.currency = unitPrice.currency();
        this.lineTotal = Math.multiplyExact(unitPrice.amount(), quantity);
    }

    UUID productId() {
        return productId;
    }

    String name() {
        return name;
    }

    int quantity() {
        return quantity;
    }

    Money unitPrice() {
        return new Money(unitAmount, currency);
    }

    Money lineTotal() {
        return new Money(lineTotal, currency);
    }
}
