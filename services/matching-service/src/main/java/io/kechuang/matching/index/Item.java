package io.kechuang.matching.index;

import io.kechuang.events.achievement.AchievementStatus;
import io.kechuang.events.achievement.IpType;
import io.kechuang.events.achievement.MaturityStage;
import io.kechuang.events.demand.DemandStatus;
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
 * explanations need. Built from the public state in events, so it never holds confidential data. Make one with
 * {@link #achievement} or {@link #demand}; the canonical constructor is for {@link ItemCodec}, which reads every
 * component back from the index.
 *
 * @param status where the listing stands; it is on the market ({@link #active()}) when published, open or in
 *        negotiation
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
        Status status,
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

    /**
     * The statuses of both kinds, by the names their events use ({@link AchievementStatus}, {@link DemandStatus}).
     * The index stores the name, so an index written when this was a string reads the same.
     */
    public enum Status {
        DRAFT, PUBLISHED, OPEN, IN_NEGOTIATION, WITHDRAWN, TRANSFERRED, EXPIRED, FULFILLED, CLOSED;

        public static Status of(AchievementStatus status) {
            return switch (status) {
                case DRAFT -> DRAFT;
                case PUBLISHED -> PUBLISHED;
                case WITHDRAWN -> WITHDRAWN;
                case TRANSFERRED -> TRANSFERRED;
                case EXPIRED -> EXPIRED;
            };
        }

        public static Status of(DemandStatus status) {
            return switch (status) {
                case DRAFT -> DRAFT;
                case OPEN -> OPEN;
                case IN_NEGOTIATION -> IN_NEGOTIATION;
                case FULFILLED -> FULFILLED;
                case CLOSED -> CLOSED;
                case EXPIRED -> EXPIRED;
            };
        }
    }

    public Item {
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
        ipcCodes = ipcCodes == null ? List.of() : List.copyOf(ipcCodes);
        cooperationModes = cooperationModes == null ? Set.of() : Set.copyOf(cooperationModes);
        title = title == null ? "" : title;
        text = text == null ? "" : text;
    }

    /** An achievement, to be completed by the builder; version 1 unless told. */
    public static AchievementBuilder achievement(UUID id, UUID ownerOrgId, AchievementStatus status) {
        return new AchievementBuilder(id, ownerOrgId, Status.of(status));
    }

    /** A demand, to be completed by the builder; version 1 unless told. */
    public static DemandBuilder demand(UUID id, UUID ownerOrgId, DemandStatus status) {
        return new DemandBuilder(id, ownerOrgId, Status.of(status));
    }

    /**
     * On the market: a published achievement, or an open demand or one in negotiation (the demand service keeps a
     * demand in negotiation on the market: it is listed, and the enterprise may still take another offer). Only those
     * are matched and found by searches.
     */
    public boolean active() {
        return status == Status.PUBLISHED || status == Status.OPEN || status == Status.IN_NEGOTIATION;
    }

    public boolean isEnglish() {
        return "en".equals(language);
    }

    /** What achievements and demands share; each kind's builder adds its own parts. */
    public abstract static sealed class Builder<B extends Builder<B>> permits AchievementBuilder, DemandBuilder {
        private final Kind kind;
        private final UUID id;
        private final UUID ownerOrgId;
        private final Status status;
        private long version = 1;
        private String title;
        private String text;
        private List<String> keywords;
        private TechnicalField field;
        private List<String> ipcCodes;
        private Set<CooperationMode> cooperationModes;
        private String region;
        private String language;
        private LocalDate expiresOn;
        private OffsetDateTime updatedAt;
        // an achievement's
        IpType ipType;
        Integer trl;
        MaturityStage stage;
        BigDecimal priceAmount;
        String priceCurrency;
        boolean priceNegotiable;
        // a demand's
        Integer minTrl;
        BigDecimal budgetMin;
        BigDecimal budgetMax;
        String budgetCurrency;

        private Builder(Kind kind, UUID id, UUID ownerOrgId, Status status) {
            this.kind = kind;
            this.id = id;
            this.ownerOrgId = ownerOrgId;
            this.status = status;
        }

        abstract B self();

        public B version(long version) {
            this.version = version;
            return self();
        }

        public B title(String title) {
            this.title = title;
            return self();
        }

        public B text(String text) {
            this.text = text;
            return self();
        }

        public B keywords(List<String> keywords) {
            this.keywords = keywords;
            return self();
        }

        public B field(TechnicalField field) {
            this.field = field;
            return self();
        }

        public B ipcCodes(List<String> ipcCodes) {
            this.ipcCodes = ipcCodes;
            return self();
        }

        public B cooperationModes(Set<CooperationMode> cooperationModes) {
            this.cooperationModes = cooperationModes;
            return self();
        }

        /** GB/T 2260 code. */
        public B region(String region) {
            this.region = region;
            return self();
        }

        /** ISO 639-1 code of the text: "zh" or "en". */
        public B language(String language) {
            this.language = language;
            return self();
        }

        /** An achievement's expiry day or a demand's deadline. */
        public B expiresOn(LocalDate expiresOn) {
            this.expiresOn = expiresOn;
            return self();
        }

        public B updatedAt(OffsetDateTime updatedAt) {
            this.updatedAt = updatedAt;
            return self();
        }

        public Item build() {
            return new Item(kind, id, ownerOrgId, status, version, title, text, keywords, field, ipcCodes, ipType, trl,
                    stage, minTrl, cooperationModes, priceAmount, priceCurrency, priceNegotiable, budgetMin, budgetMax,
                    budgetCurrency, region, language, expiresOn, updatedAt);
        }
    }

    public static final class AchievementBuilder extends Builder<AchievementBuilder> {

        private AchievementBuilder(UUID id, UUID ownerOrgId, Status status) {
            super(Kind.ACHIEVEMENT, id, ownerOrgId, status);
        }

        @Override
        AchievementBuilder self() {
            return this;
        }

        public AchievementBuilder ipType(IpType ipType) {
            this.ipType = ipType;
            return this;
        }

        /** 1 to 9; null when unknown. */
        public AchievementBuilder trl(Integer trl) {
            this.trl = trl;
            return this;
        }

        public AchievementBuilder stage(MaturityStage stage) {
            this.stage = stage;
            return this;
        }

        /** The asking price, if any, and whether it is open to negotiation. */
        public AchievementBuilder price(BigDecimal amount, String currency, boolean negotiable) {
            this.priceAmount = amount;
            this.priceCurrency = currency;
            this.priceNegotiable = negotiable;
            return this;
        }
    }

    public static final class DemandBuilder extends Builder<DemandBuilder> {

        private DemandBuilder(UUID id, UUID ownerOrgId, Status status) {
            super(Kind.DEMAND, id, ownerOrgId, status);
        }

        @Override
        DemandBuilder self() {
            return this;
        }

        /** The lowest TRL the demand accepts; null when any maturity will do. */
        public DemandBuilder minTrl(Integer minTrl) {
            this.minTrl = minTrl;
            return this;
        }

        public DemandBuilder budget(BigDecimal min, BigDecimal max, String currency) {
            this.budgetMin = min;
            this.budgetMax = max;
            this.budgetCurrency = currency;
            return this;
        }
    }
}
