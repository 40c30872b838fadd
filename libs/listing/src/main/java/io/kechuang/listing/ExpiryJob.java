package io.kechuang.listing;

import io.kechuang.common.jobs.Batches;
import io.kechuang.common.time.PlatformConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.LocalDate;
import org.jboss.logging.Logger;

/**
 * Takes listings whose day has passed off the market, for every {@link ListingService} of the service (each
 * expires in batches of its own transactions). Safe with several replicas: each batch claims its rows with
 * {@code FOR UPDATE SKIP LOCKED}, and an expired listing no longer matches.
 */
@ApplicationScoped
public class ExpiryJob {

    private static final Logger LOG = Logger.getLogger(ExpiryJob.class);

    @Inject
    @Any
    Instance<ListingService<?, ?, ?, ?>> kinds;

    @Inject
    ListingConfig config;

    @Inject
    PlatformConfig platform;

    @Scheduled(identity = "listing-expiry", every = "${kechuang.listing.expiry-check:10m}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void expireOverdue() {
        int expired = expireAll(LocalDate.now(platform.zone()));
        if (expired > 0) {
            LOG.infof("Expired %d listing(s)", expired);
        }
    }

    /** Expires everything due as of {@code today}, batch by batch; returns how many this call expired. */
    public int expireAll(LocalDate today) {
        int total = 0;
        for (ListingService<?, ?, ?, ?> kind : kinds) {
            total += Batches.drain(config.expiryBatchSize(), limit -> kind.expireDue(today, limit));
        }
        return total;
    }
}
