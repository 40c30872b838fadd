package io.kechuang.listing;

import io.kechuang.listing.csv.CsvImport;
import io.kechuang.listing.csv.CsvImporter;
import io.kechuang.listing.csv.CsvRow;
import io.kechuang.listing.csv.ImportJobs;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;

/**
 * Runs the CSV import jobs of every {@link ListingService} of the service, on the Quarkus scheduler: every
 * {@code kechuang.listing.import-poll} an idle replica claims the oldest due job ({@link ImportJobs#claim}: queued, or
 * left by a replica whose lease expired) and works through it batch by batch, each batch one transaction
 * ({@link CsvImporter#runBatch}), then looks for the next. A replica that dies leaves its job to the others once the
 * lease expires; they resume after the last committed batch. On shutdown the worker finishes its current batch, gives
 * the job back at once and stops.
 */
@ApplicationScoped
public class ImportWorker {

    private static final Logger LOG = Logger.getLogger(ImportWorker.class);
    private static final long SHUTDOWN_WAIT_SECONDS = 20;

    @Inject
    @Any
    Instance<ListingService<?, ?, ?, ?>> kinds;

    @Inject
    ImportJobs jobs;

    @Inject
    CsvImporter importer;

    @Inject
    ListingConfig config;

    /** This replica, as the lease owner of the jobs it runs. */
    private final String id = "import-worker-" + UUID.randomUUID();
    /** Held while jobs run, so that shutdown and {@link #hold} wait for the current batch. */
    private final ReentrantLock running = new ReentrantLock();
    private final AtomicInteger holds = new AtomicInteger();
    private volatile boolean stopping;

    @Scheduled(identity = "listing-imports", every = "${kechuang.listing.import-poll:1s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void runDueJobs() {
        if (!running.tryLock()) {
            return;
        }
        try {
            Optional<ImportJobs.Claim> claim;
            while (mayRun() && (claim = jobs.claim(id, config.importLease())).isPresent()) {
                run(claim.get());
            }
        } finally {
            running.unlock();
        }
    }

    /**
     * Keeps this replica from starting or continuing jobs until the returned hold is closed; returns once no batch of
     * this replica is in flight. An operator's pause, and how tests stand in for a replica that died mid-job.
     */
    public AutoCloseable hold() {
        holds.incrementAndGet();
        running.lock();
        running.unlock();
        return holds::decrementAndGet;
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        try {
            if (running.tryLock(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS)) {
                running.unlock();
            } else {
                LOG.warnf("An import batch was still running after %d s; its job resumes elsewhere once its lease "
                        + "expires", SHUTDOWN_WAIT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean mayRun() {
        return !stopping && holds.get() == 0;
    }

    private void run(ImportJobs.Claim claim) {
        CsvImport<?> kind = kinds.stream().map(ListingService::csvImport).filter(k -> k.scope().equals(claim.scope()))
                .findFirst().orElse(null);
        if (kind == null) {
            jobs.failed(claim.id(), id, "no import of the kind " + claim.scope() + " in this service");
            return;
        }
        run(kind, claim);
    }

    private <R> void run(CsvImport<R> kind, ImportJobs.Claim claim) {
        long started = System.nanoTime();
        try {
            List<CsvRow<R>> rows = kind.schema().parse(claim.file(), Integer.MAX_VALUE);
            CsvImporter.Progress progress = CsvImporter.Progress.MORE;
            while (progress == CsvImporter.Progress.MORE) {
                if (!mayRun()) {
                    jobs.release(claim.id(), id);
                    LOG.infof("Import %s handed back (this replica stops or holds)", claim.id());
                    return;
                }
                progress = importer.runBatch(kind, claim, id, rows, config.importBatchSize(), config.importLease());
            }
            LOG.infof("Import %s: %s after %d ms", claim.id(), progress == CsvImporter.Progress.DONE ? "done"
                    : "taken over by another replica", (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Import %s: a batch failed; it is retried from the last committed batch", claim.id());
            try {
                jobs.failed(claim.id(), id, e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            } catch (RuntimeException stillFailing) {
                LOG.warnf("Import %s: the failure was not recorded (%s); the job resumes once its lease expires",
                        claim.id(), stillFailing.toString());
            }
        }
    }
}
