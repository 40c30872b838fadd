package io.kechuang.matching.index;

import io.kechuang.events.achievement.IpType;
import io.kechuang.events.achievement.MaturityStage;
import io.kechuang.events.taxonomy.CooperationMode;
import io.kechuang.events.taxonomy.TechnicalField;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * One side of a match as the matcher sees it: an achievement or a demand reduced to what matching, search and
 * explanations need. Built from the public state in events, so it never holds confidential data.
 *
 * @param version the aggregate's version as its state says; the index orders events by their whole revision (epoch,
 *        then version), kept next to the item ({@link MatchIndex#indexedRevision})
 * @param text the main public text: an achievement's summary, advantages and application scenarios, or a demand's
 *        problem statement and technical indicators
 * @param expiresOn an achievement's expiry day or a demand's deadline; null if none
 * @param trl an achievement's TRL; null for demands
 * @param minTrl a demand's minimum TRL; null for achievements or when any maturity will do
 */
public record Item(
        Kind kind,
        UUID id,
        UUID ownerOrgId,
        String status,
        boolean active,
        long version,
        String title,
        String text,
        List<String> keywords,
        TechnicalField field,
        List<String> ipcCodes,
        IpType ipType,
        Integer trl,
        MaturityStage stage,
        Integer minTrl,
        Set<CooperationMode> cooperationModes,
        BigDecimal priceAmount,
        String priceCurrency,
        boolean priceNegotiable,
        BigDecimal budgetMin,
        BigDecimal budgetMax,
        String budgetCurrency,
        String region,
        String language,
        LocalDate expiresOn,
        OffsetDateTime updatedAt) {

    public enum Kind {
        ACHIEVEMENT, DEMAND;

        public Kind other() {
            return this == ACHIEVEMENT ? DEMAND : ACHIEVEMENT;
        }
    }

    public Item {
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
        ipcCodes = ipcCodes == null ? List.of() : List.copyOf(ipcCodes);
        cooperationModes = cooperationModes == null ? Set.of() : Set.copyOf(cooperationModes);
        title = title == null ? "" : title;
        text = text == null ? "" : text;
    }

    public boolean isEnglish() {
        return "en".equals(language);
    }
}
