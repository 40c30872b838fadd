package io.kechuang.listing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.ZoneId;

@ConfigMapping(prefix = "kechuang.listing")
public interface ListingConfig {

    /** The time zone whose calendar decides whether a day (a deadline, an expiry date) has passed. */
    @WithDefault("Asia/Shanghai")
    ZoneId zone();

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
