package io.kechuang.common.paging;

import java.util.List;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One page of a list, with the total count so clients can page through it.
 *
 * @param items the items of this page
 * @param page zero-based page number
 * @param size requested page size
 * @param total number of items across all pages
 * @param totalPages number of pages
 */
@Schema(description = "One page of results and the total count")
public record Page<T>(List<T> items, int page, int size, long total, int totalPages) {

    public static <T> Page<T> of(List<T> items, PageRequest request, long total) {
        int pages = (int) Math.min(Integer.MAX_VALUE, (total + request.size - 1) / request.size);
        return new Page<>(List.copyOf(items), request.page, request.size, total, pages);
    }

    public <R> Page<R> map(Function<? super T, ? extends R> mapper) {
        return new Page<>(items.stream().<R>map(mapper).toList(), page, size, total, totalPages);
    }
}
