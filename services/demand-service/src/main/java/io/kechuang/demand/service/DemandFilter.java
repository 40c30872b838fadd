package io.kechuang.demand.service;

import io.kechuang.common.validation.RegionCodes;
import io.kechuang.events.demand.DemandStatus;
import io.kechuang.events.taxonomy.TechnicalField;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * List filters; every one optional.
 *
 * @param region a GB/T 2260 code; a province or city code ({@code 510000}, {@code 510100}) also matches the codes
 *        within it
 * @param deadlineFrom only demands whose deadline is on or after this day
 * @param deadlineTo only demands whose deadline is on or before this day
 */
public record DemandFilter(UUID owner, DemandStatus status, TechnicalField field, String region,
        LocalDate deadlineFrom, LocalDate deadlineTo, OffsetDateTime updatedSince) {

    /** {@code 510000} → {@code 51}, {@code 510100} → {@code 5101}, {@code 510104} → {@code 510104}. */
    public String regionPrefix() {
        if (region == null) {
            return null;
        }
        return RegionCodes.prefix(region);
    }
}
