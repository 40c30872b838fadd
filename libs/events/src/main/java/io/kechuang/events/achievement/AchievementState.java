package io.kechuang.events.achievement;

import io.kechuang.events.taxonomy.CooperationMode;
import io.kechuang.events.taxonomy.Money;
import io.kechuang.events.taxonomy.TechnicalField;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The full public state of an achievement, carried by every achievement event. It holds nothing a stranger may
 * not see: no contact, no inventors' personal data.
 */
public record AchievementState(
        UUID id,
        UUID ownerOrgId,
        AchievementStatus status,
        long version,
        String title,
        String summary,
        String description,
        List<String> keywords,
        TechnicalField technicalField,
        List<String> ipcCodes,
        IpType ipType,
        List<Patent> patents,
        int trl,
        MaturityStage stage,
        Set<CooperationMode> cooperationModes,
        Money askingPrice,
        boolean priceNegotiable,
        List<String> advantages,
        List<String> applicationScenarios,
        String region,
        String language,
        LocalDate expiresOn,
        OffsetDateTime publishedAt,
        OffsetDateTime updatedAt) {

    /** A patent or registration number and its legal status. */
    public record Patent(String number, PatentLegalStatus legalStatus) {
    }
}
