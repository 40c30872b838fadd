package io.kechuang.listing.csv;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kechuang.common.jobs.Batches;
import io.kechuang.common.paging.Page;
import io.kechuang.common.paging.PageRequest;
import io.kechuang.common.problem.FieldError;
import io.kechuang.common.problem.ProblemException;
import io.kechuang.common.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The import jobs of a listing service ({@code import_job}, {@code import_job_row}): accepting, claiming under a
 * lease, recording a batch, and what their owners read. A job belongs to the uploader's organisation: only it and
 * admins see it; anyone else gets 404, as for another organisation's draft.
 */
@ApplicationScoped
public class ImportJobs {

    /** Failed batches after which a job fails for good (a batch that failed is retried from its start). */
    static final int MAX_FAILURES = 3;
    /** How long a job that failed a batch waits before it is retried. */
    private static final Duration RETRY_AFTER = Duration.ofSeconds(10);
    private static final TypeReference<List<FieldError>> ERRORS = new TypeReference<>() {
    };

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper mapper;

    /** What a worker holds once it claimed a job: everything it needs to run the job's batches. */
    public record Claim(UUID id, String scope, Caller owner, boolean publish, String file) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    StoredImport queue(String scope, Caller caller, boolean publish, String file, int rows) {
        StoredImport job = StoredImport.queued(scope, caller, publish, file, rows, now());
        em.persist(job);
        return job;
    }

    /**
     * Claims the oldest job that is QUEUED, or RUNNING with an expired lease (its worker died or stopped), for
     * {@code worker} until {@code lease} from now. {@code SKIP LOCKED}: replicas claiming at once take different jobs,
     * and a job whose batch is being committed is never taken over.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<Claim> claim(String worker, Duration lease) {
        return claim(worker, lease, "");
    }

    /** {@link #claim(String, Duration)} of one job only, if it is due: how tests stand in for another replica. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<Claim> claim(String worker, Duration lease, UUID job) {
        return claim(worker, lease, " and id = '" + job + "'");
    }

    private Optional<Claim> claim(String worker, Duration lease, String only) {
        OffsetDateTime now = now();
        List<UUID> due = Batches.claim(em, "select id from import_job where status in ('QUEUED', 'RUNNING') and "
                + "(lease_until is null or lease_until < ?1)" + only + " order by created_at, id", 1, now);
        if (due.isEmpty()) {
            return Optional.empty();
        }
        StoredImport job = em.find(StoredImport.class, due.get(0));
        job.status = ImportJob.Status.RUNNING;
        job.leaseOwner = worker;
        job.leaseUntil = now.plus(lease);
        job.startedAt = job.startedAt == null ? now : job.startedAt;
        job.updatedAt = now;
        return Optional.of(new Claim(job.id, job.scope, job.owner(), job.publish, job.file));
    }

    /**
     * The job, locked for the rest of the transaction, if {@code worker} still holds it and it is running: the one
     * guard of a batch. Whoever took the job over changed its lease owner under this lock, so two workers never commit
     * the same rows.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    Optional<StoredImport> lockFor(UUID id, String worker) {
        StoredImport job = em.find(StoredImport.class, id, LockModeType.PESSIMISTIC_WRITE);
        return job != null && job.status == ImportJob.Status.RUNNING && worker.equals(job.leaseOwner)
                ? Optional.of(job) : Optional.empty();
    }

    /** Records one batch's rows and moves the job on, in the batch's transaction; DONE after its last row. */
    @Transactional(Transactional.TxType.MANDATORY)
    void record(StoredImport job, List<ImportJob.RowResult> results, Duration lease) {
        var insert = em.createNativeQuery("insert into import_job_row (job_id, row_no, outcome, listing_id, title, "
                + "errors) values (?1, ?2, ?3, ?4, ?5, ?6)");
        for (ImportJob.RowResult r : results) {
            insert.setParameter(1, job.id).setParameter(2, r.row()).setParameter(3, r.outcome().name())
                    .setParameter(4, r.id()).setParameter(5, r.title())
                    .setParameter(6, r.errors().isEmpty() ? null : json(r.errors())).executeUpdate();
            if (r.outcome() == ImportJob.Outcome.IMPORTED) {
                job.imported++;
            } else {
                job.rejected++;
            }
        }
        OffsetDateTime now = now();
        job.rowsDone += results.size();
        job.updatedAt = now;
        job.leaseUntil = now.plus(lease);
        if (job.rowsDone == job.rowsTotal) {
            job.status = ImportJob.Status.DONE;
            job.finishedAt = now;
            job.leaseOwner = null;
            job.leaseUntil = null;
        }
    }

    /** Gives a job back at once (the worker stops), so that another replica resumes it without waiting for the lease. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void release(UUID id, String worker) {
        lockFor(id, worker).ifPresent(job -> {
            job.leaseOwner = null;
            job.leaseUntil = null;
            job.updatedAt = now();
        });
    }

    /**
     * A batch failed and was rolled back: the job is retried from its last committed batch after a pause, or fails
     * for good after {@link #MAX_FAILURES} failures.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void failed(UUID id, String worker, String reason) {
        lockFor(id, worker).ifPresent(job -> {
            OffsetDateTime now = now();
            job.failures++;
            job.error = reason.length() > 500 ? reason.substring(0, 500) : reason;
            job.leaseOwner = null;
            job.leaseUntil = now.plus(RETRY_AFTER);
            job.updatedAt = now;
            if (job.failures >= MAX_FAILURES) {
                job.status = ImportJob.Status.FAILED;
                job.finishedAt = now;
                job.leaseUntil = null;
            }
        });
    }

    /** A job of {@code scope} the caller may read (its organisation's, or any for admins); else 404. */
    @Transactional(Transactional.TxType.MANDATORY)
    StoredImport visible(Caller caller, String scope, UUID id) {
        StoredImport job = em.find(StoredImport.class, id);
        if (job == null || !job.scope.equals(scope) || !(caller.isAdmin() || caller.belongsTo(job.ownerOrgId))) {
            throw ProblemException.notFound("Import", id);
        }
        return job;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    Optional<ImportJob> find(UUID id) {
        return Optional.ofNullable(em.find(StoredImport.class, id)).map(StoredImport::view);
    }

    /** The job with one page of its report once it is DONE. */
    @Transactional(Transactional.TxType.MANDATORY)
    ImportJob withReport(StoredImport job, PageRequest page) {
        if (job.status != ImportJob.Status.DONE) {
            return job.view();
        }
        List<?> rows = em.createNativeQuery("select row_no, outcome, listing_id, title, errors from import_job_row "
                        + "where job_id = ?1 order by row_no").setParameter(1, job.id)
                .setFirstResult(page.offset()).setMaxResults(page.size).getResultList();
        List<ImportJob.RowResult> results = rows.stream().map(r -> (Object[]) r).map(r -> new ImportJob.RowResult(
                ((Number) r[0]).intValue(), ImportJob.Outcome.valueOf((String) r[1]), (UUID) r[2], (String) r[3],
                r[4] == null ? List.of() : errors((String) r[4]))).toList();
        return job.view().withResults(Page.of(results, page, job.rowsDone));
    }

    /** The caller's organisation's jobs of {@code scope} (every organisation's for admins), newest first. */
    @Transactional(Transactional.TxType.MANDATORY)
    Page<ImportJob> list(Caller caller, String scope, PageRequest page) {
        String where = " from StoredImport j where j.scope = :scope" + (caller.isAdmin() ? "" : " and j.ownerOrgId = :org");
        var rows = em.createQuery("select j" + where + " order by j.createdAt desc, j.id", StoredImport.class)
                .setParameter("scope", scope).setFirstResult(page.offset()).setMaxResults(page.size);
        var count = em.createQuery("select count(*)" + where, Long.class).setParameter("scope", scope);
        if (!caller.isAdmin()) {
            rows.setParameter("org", caller.orgId());
            count.setParameter("org", caller.orgId());
        }
        return Page.of(rows.getResultList().stream().map(StoredImport::view).toList(), page, count.getSingleResult());
    }

    /** Each rejected row's errors so far, as one cell: {@code column: message; column: message}. */
    @Transactional(Transactional.TxType.MANDATORY)
    Map<Integer, String> rejectedErrors(StoredImport job) {
        List<?> rows = em.createNativeQuery("select row_no, errors from import_job_row where job_id = ?1 and outcome = "
                + "'REJECTED' order by row_no").setParameter(1, job.id).getResultList();
        Map<Integer, String> errors = new LinkedHashMap<>();
        for (Object row : rows) {
            Object[] r = (Object[]) row;
            errors.put(((Number) r[0]).intValue(), errors((String) r[1]).stream()
                    .map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; ")));
        }
        return errors;
    }

    private String json(List<FieldError> errors) {
        try {
            return mapper.writeValueAsString(errors);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<FieldError> errors(String json) {
        try {
            return mapper.readValue(json, ERRORS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
