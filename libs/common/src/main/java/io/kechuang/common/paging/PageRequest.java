package io.kechuang.common.paging;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * Page and size query parameters, bounded: at most {@value #MAX_SIZE} items a page and {@value #MAX_PAGE} pages
 * deep, so no request can ask the database for an unbounded result or a huge offset. Use as a {@code @BeanParam}
 * together with {@code @Valid}.
 */
public class PageRequest {

    public static final int MAX_SIZE = 100;
    public static final int MAX_PAGE = 1000;
    public static final int DEFAULT_SIZE = 20;

    @QueryParam("page")
    @DefaultValue("0")
    @Min(value = 0, message = "must be 0 or more")
    @Max(value = MAX_PAGE, message = "must be at most " + MAX_PAGE)
    @Parameter(description = "Zero-based page number", example = "0")
    public int page;

    @QueryParam("size")
    @DefaultValue("" + DEFAULT_SIZE)
    @Min(value = 1, message = "must be at least 1")
    @Max(value = MAX_SIZE, message = "must be at most " + MAX_SIZE)
    @Parameter(description = "Items per page, 1 to " + MAX_SIZE, example = "20")
    public int size = DEFAULT_SIZE;

    public PageRequest() {
    }

    public static PageRequest of(int page, int size) {
        PageRequest r = new PageRequest();
        r.page = page;
        r.size = size;
        return r;
    }

    public int offset() {
        return page * size;
    }
}
