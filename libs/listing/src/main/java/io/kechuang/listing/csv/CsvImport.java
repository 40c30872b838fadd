package io.kechuang.listing.csv;

import io.kechuang.common.problem.FieldError;
import io.kechuang.common.security.Caller;
import java.util.List;
import java.util.UUID;

/** What a service tells {@link CsvImporter} about one kind of record it imports. */
public interface CsvImport<R> {

    /** The {@code Idempotency-Key} scope, e.g. {@code demand.import}; also names the kind's import jobs. */
    String scope();

    /** Where an import job of this kind is in the API: its {@code Location}. */
    String location(UUID job);

    CsvSchema<R> schema();

    /** The largest file accepted, in data rows. */
    int maxRows();

    /** The row's title, repeated in the report so a person can find the row. */
    String title(R request);

    /**
     * What a valid row still lacks to go public straight away (publish, open), by request field path; empty if
     * nothing.
     */
    List<FieldError> publicationErrors(R request);

    /** Creates the record in the caller's transaction, public straight away if {@code publish}; returns its id. */
    UUID create(Caller caller, R request, boolean publish);
}
