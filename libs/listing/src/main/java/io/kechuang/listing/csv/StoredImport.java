package io.kechuang.listing.csv;

import io.kechuang.common.security.Caller;
import io.kechuang.events.taxonomy.OrgType;
import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * One accepted CSV upload ({@code import_job}): the file, who uploaded it (the rows are created as that caller), its
 * progress, and the lease of the worker that holds it. Never leaves the package: the API shows {@link ImportJob}.
 */
@Entity
@Table(name = "import_job")
class StoredImport {

    @Id
    UUID id;

    @Column(nullable = false, updatable = false)
    String scope;

    @Column(name = "owner_org_id", nullable = false, updatable = false)
    UUID ownerOrgId;

    @Column(name = "owner_subject", nullable = false, updatable = false)
    String ownerSubject;

    @Enumerated(EnumType.STRING)
    @Column(name = "owner_org_type", updatable = false)
    OrgType ownerOrgType;

    @Column(name = "owner_roles", nullable = false, updatable = false)
    String ownerRoles;

    @Column(nullable = false, updatable = false)
    boolean publish;

    /** The file as uploaded; loaded only by the worker and the rejected-rows download. */
    @Basic(fetch = FetchType.LAZY)
    @Column(nullable = false, updatable = false)
    String file;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    ImportJob.Status status;

    @Column(name = "rows_total", nullable = false, updatable = false)
    int rowsTotal;

    @Column(name = "rows_done", nullable = false)
    int rowsDone;

    @Column(nullable = false)
    int imported;

    @Column(nullable = false)
    int rejected;

    /** Batches that failed with an error so far; the job fails for good at {@link ImportJobs#MAX_FAILURES}. */
    @Column(nullable = false)
    int failures;

    String error;

    @Column(name = "lease_owner")
    String leaseOwner;

    @Column(name = "lease_until")
    OffsetDateTime leaseUntil;

    @Column(name = "created_at", nullable = false, updatable = false)
    OffsetDateTime createdAt;

    @Column(name = "started_at")
    OffsetDateTime startedAt;

    @Column(name = "finished_at")
    OffsetDateTime finishedAt;

    @Column(name = "updated_at", nullable = false)
    OffsetDateTime updatedAt;

    static StoredImport queued(String scope, Caller caller, boolean publish, String file, int rows, OffsetDateTime now) {
        StoredImport job = new StoredImport();
        job.id = UUID.randomUUID();
        job.scope = scope;
        job.ownerOrgId = caller.orgId();
        job.ownerSubject = caller.subject();
        job.ownerOrgType = caller.orgType();
        job.ownerRoles = String.join(",", caller.roles());
        job.publish = publish;
        job.file = file;
        job.status = ImportJob.Status.QUEUED;
        job.rowsTotal = rows;
        job.createdAt = now;
        job.updatedAt = now;
        return job;
    }

    /** The uploader, as the rows are created: its organisation owns them. */
    Caller owner() {
        Set<String> roles = Arrays.stream(ownerRoles.split(",")).filter(r -> !r.isBlank()).collect(Collectors.toSet());
        return new Caller(ownerSubject, ownerOrgId, ownerOrgType, roles);
    }

    ImportJob view() {
        return new ImportJob(id, status, rowsTotal, rowsDone, imported, rejected, publish, createdAt, startedAt,
                finishedAt, error, null);
    }
}
