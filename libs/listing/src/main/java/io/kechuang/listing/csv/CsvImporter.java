package io.kechuang.listing.csv;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kechuang.common.idempotency.CreateOutcome;
import io.kechuang.common.idempotency.Idempotency;
import io.kechuang.common.idempotency.StoredResponse;
import io.kechuang.common.paging.Page;
import io.kechuang.common.paging.PageRequest;
import io.kechuang.common.problem.FieldError;
import io.kechuang.common.problem.ProblemException;
import io.kechuang.common.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * Bulk import from CSV, as a job. {@link #submit} reads the whole file up front (a bad header, no rows, too many rows
 * or broken CSV is a 400 for the file) and stores it as a QUEUED job; the {@code ImportWorker} then runs it in
 * batches ({@link #runBatch}): each row is validated in full (the same Bean Validation as the REST API, plus the rules
 * for going public when asked to), the valid ones are created, and the rows, their outbox events and the job's
 * progress commit together. A bad row is reported with every bad column and never half-imported. An
 * {@code Idempotency-Key} makes a retried upload return the same job and import nothing again.
 */
@ApplicationScoped
public class CsvImporter {

    @Inject
    Idempotency idempotency;

    @Inject
    Validator validator;

    @Inject
    ImportJobs jobs;

    @Inject
    ObjectMapper mapper;

    /** What a batch left: more rows to do, the job done, or the job no longer held by this worker. */
    public enum Progress {
        MORE, DONE, LOST
    }

    /**
     * Accepts a file as a QUEUED job. A retry with the same {@code Idempotency-Key} is a replay carrying the same job
     * as it is now (202, its {@code Location}); the same key with another file is a 409.
     */
    @Transactional
    public <R> CreateOutcome<ImportJob> submit(CsvImport<R> kind, Caller caller, String csv, boolean publish,
            String idempotencyKey) {
        if (csv == null || csv.isBlank()) {
            throw ProblemException.validation("file", "is empty");
        }
        CreateOutcome<ImportJob> outcome = idempotency.once(kind.scope(), caller, idempotencyKey, publish + "\n" + csv,
                202, job -> kind.location(job.id()), () -> {
                    int rows = kind.schema().parse(csv, kind.maxRows()).size();
                    return jobs.queue(kind.scope(), caller, publish, csv, rows).view();
                });
        if (outcome instanceof CreateOutcome.Replayed<ImportJob> replay && replay.response().location() != null) {
            String location = replay.response().location();
            UUID id = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
            ImportJob now = jobs.find(id).orElseThrow(() -> ProblemException.notFound("Import", id));
            return CreateOutcome.replayed(new StoredResponse(202, location, json(now)));
        }
        return outcome;
    }

    /**
     * Runs the next batch of a job {@code worker} holds, in one transaction: at most {@code batchSize} rows after the
     * last committed batch are validated and created (with their events), their report rows written and the job
     * moved on. Nothing happens if the worker no longer holds the job.
     *
     * @param rows the job's file, parsed
     * @param lease how long the job stays with {@code worker} after this batch
     */
    @Transactional
    public <R> Progress runBatch(CsvImport<R> kind, ImportJobs.Claim claim, String worker, List<CsvRow<R>> rows,
            int batchSize, Duration lease) {
        StoredImport job = jobs.lockFor(claim.id(), worker).orElse(null);
        if (job == null) {
            return Progress.LOST;
        }
        List<ImportJob.RowResult> results = new ArrayList<>();
        for (CsvRow<R> row : rows.subList(job.rowsDone, Math.min(rows.size(), job.rowsDone + batchSize))) {
            List<FieldError> errors = validate(kind, row, claim.publish());
            String title = kind.title(row.request());
            if (!errors.isEmpty()) {
                results.add(new ImportJob.RowResult(row.number(), ImportJob.Outcome.REJECTED, null, title, errors));
                continue;
            }
            UUID id = kind.create(claim.owner(), row.request(), claim.publish());
            results.add(new ImportJob.RowResult(row.number(), ImportJob.Outcome.IMPORTED, id, title, List.of()));
        }
        jobs.record(job, results, lease);
        return job.status == ImportJob.Status.DONE ? Progress.DONE : Progress.MORE;
    }

    /** A job of {@code kind} with one page of its report once it is done; 404 unless the caller may read it. */
    @Transactional
    public ImportJob find(CsvImport<?> kind, Caller caller, UUID id, PageRequest page) {
        return jobs.withReport(jobs.visible(caller, kind.scope(), id), page);
    }

    /** The caller's organisation's jobs of {@code kind} (all for admins), newest first. */
    @Transactional
    public Page<ImportJob> list(CsvImport<?> kind, Caller caller, PageRequest page) {
        return jobs.list(caller, kind.scope(), page);
    }

    /** The rows rejected so far, in the file's own columns and an error column, to fix and import again. */
    @Transactional
    public String rejectedRows(CsvImport<?> kind, Caller caller, UUID id) {
        StoredImport job = jobs.visible(caller, kind.scope(), id);
        return kind.schema().rejectedRows(job.file, jobs.rejectedErrors(job));
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

    private String json(ImportJob job) {
        try {
            return mapper.writeValueAsString(job);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
