package io.kechuang.listing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "kechuang.listing")
public interface ListingConfig {

    /** Largest CSV import, in data rows. */
    @WithDefault("5000")
    int importMaxRows();

    /** How often the expiry job runs (a duration such as 10m, or off). */
    @WithDefault("10m")
    String expiryCheck();

    /** Listings expired per transaction by the expiry job. */
    @WithDefault("200")
    int expiryBatchSize();
}
