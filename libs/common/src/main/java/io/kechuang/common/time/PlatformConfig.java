package io.kechuang.common.time;

import io.kechuang.events.taxonomy.PlatformOrganisation;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.ZoneId;

/** Settings every service reads the same way ({@code kechuang.platform.*}). */
@ConfigMapping(prefix = "kechuang.platform")
public interface PlatformConfig {

    /**
     * The platform's calendar ({@code kechuang.platform.zone}, {@code KECHUANG_PLATFORM_ZONE}): it decides whether a day
     * (a deadline, an expiry date) has passed, what "today" is for a contract's date, and which month a statistic
     * counts a match in.
     */
    @WithDefault(PlatformOrganisation.ZONE)
    ZoneId zone();
}
