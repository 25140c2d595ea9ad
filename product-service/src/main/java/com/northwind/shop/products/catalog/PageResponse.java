package com.northwind.shop.products.catalog;

import java.util.List;

/** One page of a list, in the shape of Spring Data's {@code PagedModel}: {@code {content, page}}. */
record PageResponse<T>(List<T> content, PageMetadata page) {

    static <T> PageResponse<T> of(List<T> content, int number, int size, long totalElements) {
        long totalPages = totalElements == 0 ? 0 : (totalElements + size - 1) / size;
        return new PageResponse<>(content, new PageMetadata(number, size, totalElements, totalPages));
    }

    /** Where this page is in the whole list. */
    record PageMetadata(int number, int size, long totalElements, long totalPages) {}
}
