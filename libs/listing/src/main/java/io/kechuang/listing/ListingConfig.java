package io.kechuang.listing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "kechuang.listing")
public interface ListingConfig {

    /** Largest CSV import, in data rows. */
    @WithDefault("5000")
    int importMaxRows();

    /** Rows of an import job committed per transaction, with their events and the job's progress. */
    @WithDefault("100")
    int importBatchSize();

    /**
     * How long a worker holds an import job without committing a batch before another replica may take it over (the
     * worker's process died). Each batch renews it.
     */
    @WithDefault("60s")
    Duration importLease();

    /** How often an idle replica looks for import jobs to run (a duration such as 1s). */
    @WithDefault("1s")
    String importPoll();

    /** How often the expiry job runs (a duration such as 10m, or off). */
    @WithDefault("10m")
    String expiryCheck();

    /** Listings expired per transaction by the expiry job. */
    @WithDefault("200")
    int expiryBatchSize();
}
