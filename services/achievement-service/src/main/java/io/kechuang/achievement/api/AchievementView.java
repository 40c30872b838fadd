package io.kechuang.achievement.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.kechuang.events.achievement.AchievementStatus;
import io.kechuang.events.achievement.IpType;
import io.kechuang.events.achievement.MaturityStage;
import io.kechuang.events.taxonomy.CooperationMode;
import io.kechuang.events.taxonomy.TechnicalField;
import io.kechuang.listing.ContactInput;
import io.kechuang.listing.ListingView;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An achievement as a caller may see it. {@code contact} and {@code inventors} are present only for the owner and
 * admins, the contact also for an organisation introduced through a match; for everyone else they are absent from the
 * JSON.
 */
@Schema(name = "Achievement")
public record AchievementView(
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
        List<AchievementRequest.PatentInput> patents,
        Integer trl,
        MaturityStage stage,
        Set<CooperationMode> cooperationModes,
        AchievementRequest.PriceInput askingPrice,
        boolean priceNegotiable,
        List<String> advantages,
        List<String> applicationScenarios,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<AchievementRequest.InventorInput> inventors,
        @JsonInclude(JsonInclude.Include.NON_NULL) ContactInput contact,
        String region,
        String language,
        LocalDate expiresOn,
        @JsonInclude(JsonInclude.Include.NON_NULL) String statusReason,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        OffsetDateTime publishedAt) implements ListingView {
}
