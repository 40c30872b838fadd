package io.kechuang.events.demand;

import io.kechuang.events.taxonomy.CooperationMode;
import io.kechuang.events.taxonomy.TechnicalField;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The full public state of a demand, carried by every demand event. Confidential details and the contact never
 * appear here.
 *
 * @param problemStatement the public summary of the problem (需求描述)
 * @param technicalIndicators the indicators a solution must reach (技术指标), public
 * @param minTrl the lowest technology readiness level the enterprise accepts, 1–9, or null if any
 * @param closeReason the reason given when the demand was closed, if any
 */
public record DemandState(
        UUID id,
        UUID ownerOrgId,
        DemandStatus status,
        long version,
        String title,
        String problemStatement,
        List<String> technicalIndicators,
        List<String> keywords,
        TechnicalField technicalField,
        List<String> ipcCodes,
        Budget budget,
        LocalDate deadline,
        Set<CooperationMode> cooperationModes,
        Integer minTrl,
        String region,
        String language,
        String closeReason,
        OffsetDateTime openedAt,
        OffsetDateTime updatedAt) {
}
