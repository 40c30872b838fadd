package io.kechuang.listing.csv;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.kechuang.common.problem.FieldError;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The outcome of a CSV import, row by row. Valid rows are imported; each invalid row names every bad column.
 *
 * @param rows data rows read (the header is not counted)
 * @param imported rows created
 * @param rejected rows refused
 * @param published whether the imported rows went public straight away (an achievement published, a demand opened)
 *        rather than staying drafts
 */
@Schema(name = "ImportReport")
public record ImportReport(int rows, int imported, int rejected, boolean published, List<RowResult> results) {

    /** @param row data row number, 1 being the first row after the header */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record RowResult(int row, Outcome outcome, UUID id, String title, List<FieldError> errors) {
    }

    public enum Outcome {
        IMPORTED, REJECTED
    }
}
