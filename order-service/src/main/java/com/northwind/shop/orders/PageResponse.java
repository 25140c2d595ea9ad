package com.northwind.shop.orders;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import java.util.List;
import java.util.function.Function;
import org.springframework.data.domain.Page;

/**
 * A page of results in the shape every list of the API has: {@code {content, page: {number, size, totalElements,
 * totalPages}}}.
 *
 * @param content the items of this page
 * @param page where this page is in the whole list
 */
public record PageResponse<T>(@ArraySchema(maxItems = 50) List<T> content, PageMetadata page) {

    public static <S, T> PageResponse<T> of(Page<S> page, List<T> content) {
        return new PageResponse<>(
                content,
                new PageMetadata(page.getNumber(), page.getSize(), page.getTotalElements(), page.getTotalPages()));
    }

    public static <S, T> PageResponse<T> of(Page<S> page, Function<S, T> mapper) {
        return of(page, page.getContent().stream().map(mapper).toList());
    }

    /**
     * Where a page is in the whole list.
     *
     * @param number zero-based page number
     * @param size the requested page size
     * @param totalElements how many items the whole list has
     * @param totalPages how many pages the whole list has
     */
    public record PageMetadata(int number, int size, long totalElements, int totalPages) {}
}
