package io.kechuang.listing.csv;

import io.kechuang.common.idempotency.CreateOutcome;
import io.kechuang.common.idempotency.Idempotency;
import io.kechuang.common.problem.FieldError;
import io.kechuang.common.problem.ProblemException;
import io.kechuang.common.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * Bulk import from CSV. Every row is read and validated in full first (the same Bean Validation as the REST API,
 * plus the rules for going public when asked to); then the valid rows are created, all in one transaction. A bad row
 * is reported with every bad column and never half-imported. An {@code Idempotency-Key} makes a retried upload
 * return the first report and import nothing again.
 */
@ApplicationScoped
public class CsvImporter {

    @Inject
    Idempotency idempotency;

    @Inject
    Validator validator;

    @Transactional
    public <R> CreateOutcome<ImportReport> run(CsvImport<R> kind, Caller caller, String csv, boolean publish,
            String idempotencyKey) {
        if (csv == null || csv.isBlank()) {
            throw ProblemException.validation("file", "is empty");
        }
        return idempotency.once(kind.scope(), caller, idempotencyKey, publish + "\n" + csv, 200, report -> null,
                () -> importRows(kind, caller, csv, publish));
    }

    private <R> ImportReport importRows(CsvImport<R> kind, Caller caller, String csv, boolean publish) {
        List<CsvRow<R>> rows = kind.schema().parse(csv, kind.maxRows());
        List<ImportReport.RowResult> results = new ArrayList<>();
        int imported = 0;
        for (CsvRow<R> row : rows) {
            List<FieldError> errors = validate(kind, row, publish);
            String title = kind.title(row.request());
            if (!errors.isEmpty()) {
                results.add(new ImportReport.RowResult(row.number(), ImportReport.Outcome.REJECTED, null, title, errors));
                continue;
            }
            UUID id = kind.create(caller, row.request(), publish);
            imported++;
            results.add(new ImportReport.RowResult(row.number(), ImportReport.Outcome.IMPORTED, id, title, List.of()));
        }
        return new ImportReport(rows.size(), imported, rows.size() - imported, publish, results);
    }

    private <R> List<FieldError> validate(CsvImport<R> kind, CsvRow<R> row, boolean publish) {
        CsvSchema<R> schema = kind.schema();
        List<FieldError> errors = new ArrayList<>(row.errors());
        for (ConstraintViolation<R> v : validator.validate(row.request())) {
            String column = schema.columnOf(v.getPropertyPath().toString());
            if (errors.stream().noneMatch(e -> e.field().equals(column))) {
                errors.add(new FieldError(column, v.getMessage()));
            }
        }
        if (publish && errors.isEmpty()) {
            for (FieldError e : kind.publicationErrors(row.request())) {
                errors.add(new FieldError(schema.columnOf(e.field()), e.message()));
            }
        }
        errors.sort(Comparator.comparing(FieldError::field));
        return errors;
    }
}
