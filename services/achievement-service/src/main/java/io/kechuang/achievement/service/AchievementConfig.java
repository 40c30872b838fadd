package io.kechuang.achievement.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.ZoneId;

@ConfigMapping(prefix = "kechuang.achievement")
public interface AchievementConfig {

    /** Largest CSV import, in data rows. */
    @WithDefault("5000")
    int importMaxRows();

    /** The time zone whose calendar decides when a listing's expiry day has passed. */
    @WithDefault("Asia/Shanghai")
    ZoneId zone();

    /** How often the expiry job runs (a duration such as 10m, or off). */
    @WithDefault("10m")
    String expiryCheck();

    /** Listings expired per transaction by the expiry job. */
    @WithDefault("200")
    int expiryBatchSize();
}
