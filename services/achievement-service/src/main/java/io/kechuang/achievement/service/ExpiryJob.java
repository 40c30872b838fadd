package io.kechuang.achievement.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import org.jboss.logging.Logger;

/**
 * Moves published listings past their expiry day to {@code EXPIRED}. Safe with several replicas: each batch locks
 * its rows with {@code FOR UPDATE SKIP LOCKED}, and an expired row no longer matches the query.
 */
@ApplicationScoped
public class ExpiryJob {

    private static final Logger LOG = Logger.getLogger(ExpiryJob.class);

    @Inject
    AchievementService service;

    @Inject
    AchievementConfig config;

    @Scheduled(identity = "achievement-expiry", every = "${kechuang.achievement.expiry-check:10m}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        int total = expireAll(LocalDate.now(config.zone()));
        if (total > 0) {
            LOG.infof("Expired %d achievement listing(s)", total);
        }
    }

    /** Expires everything due as of {@code today}, batch by batch; returns how many this call expired. */
    public int expireAll(LocalDate today) {
        int total = 0;
        int batch;
        do {
            batch = service.expireDue(today, config.expiryBatchSize());
            total += batch;
        } while (batch == config.expiryBatchSize());
        return total;
    }
}
