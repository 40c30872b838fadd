package io.kechuang.listing.csv;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.kechuang.common.paging.Page;
import io.kechuang.common.problem.FieldError;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A CSV import as its owner follows it: accepted ({@code QUEUED}), then worked through in batches ({@code RUNNING}),
 * then {@code DONE} with the per-row report. Valid rows are imported; each invalid row names every bad column.
 *
 * @param rows data rows in the file (the header is not counted)
 * @param rowsDone rows handled so far, imported or rejected (always a whole number of committed batches)
 * @param imported rows created
 * @param rejected rows refused
 * @param published whether the imported rows go public straight away (an achievement published, a demand opened)
 *        rather than staying drafts
 * @param results once DONE: one page of the per-row report, in row order
 */
@Schema(name = "ImportJob", description = "A CSV import job: its progress and, once done, the per-row report")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImportJob(
        UUID id,
        @Schema(description = "QUEUED, RUNNING, DONE, or FAILED (see error)") Status status,
        int rows,
        int rowsDone,
        int imported,
        int rejected,
        boolean published,
        OffsetDateTime createdAt,
        OffsetDateTime startedAt,
        OffsetDateTime finishedAt,
        @Schema(description = "Why the job failed, if it did") String error,
        @Schema(description = "Once DONE: the per-row report, one page (page, size)") Page<RowResult> results) {

    public enum Status {
        QUEUED, RUNNING, DONE, FAILED
    }

    /** The same job with one page of its report. */
    ImportJob withResults(Page<RowResult> page) {
        return new ImportJob(id, status, rows, rowsDone, imported, rejected, published, createdAt, startedAt,
                finishedAt, error, page);
    }

    /** @param row data row number, 1 being the first row after the header */
    @Schema(name = "ImportRowResult")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record RowResult(int row, Outcome outcome, UUID id, String title, List<FieldError> errors) {
    }

    public enum Outcome {
        IMPORTED, REJECTED
    }
}
