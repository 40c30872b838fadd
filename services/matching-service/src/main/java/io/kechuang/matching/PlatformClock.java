package io.kechuang.matching;

import io.kechuang.common.time.PlatformConfig;
import io.smallrye.config.SmallRyeConfig;
import jakarta.inject.Singleton;
import jakarta.validation.ClockProvider;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The clock behind {@code @PastOrPresent} and its kin. A contract signed in Chengdu on the morning of the 6th is
 * dated the 6th, while the server's UTC clock still reads the 5th; validation therefore reads "today" on the
 * platform's calendar ({@link PlatformConfig#zone()}), the same one that decides expiry days.
 */
@Singleton
public class PlatformClock implements ClockProvider {

    private final Clock clock = new PlatformZoneClock();

    @Override
    public Clock getClock() {
        return clock;
    }

    /**
     * Quarkus builds the validator factory at static init, before runtime configuration exists, and each time
     * validator keeps the clock it was handed then. The zone is therefore looked up when a date is validated.
     */
    private static final class PlatformZoneClock extends Clock {

        private volatile ZoneId zone;

        @Override
        public ZoneId getZone() {
            ZoneId z = zone;
            if (z == null) {
                z = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class).getConfigMapping(PlatformConfig.class).zone();
                zone = z;
            }
            return z;
        }

        @Override
        public Clock withZone(ZoneId other) {
            return Clock.system(other);
        }

        @Override
        public Instant instant() {
            return Instant.now();
        }

        @Override
        public long millis() {
            return System.currentTimeMillis();
        }
    }
}
