package com.northwind.shop.products.catalog;

/** What a stock-keeping unit code looks like: upper-case letters and digits in dash-separated groups. */
final class Sku {

    static final String PATTERN = "[A-Z0-9]+(-[A-Z0-9]+)*";
    static final String MESSAGE = "must be upper-case letters and digits in dash-separated groups, e.g. TSHIRT-RED-M";

    private Sku() {}
}
