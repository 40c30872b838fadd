package io.kechuang.demand.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.kechuang.demand.CloseReason;
import io.kechuang.events.demand.DemandStatus;
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
 * A demand as a caller may see it. {@code confidentialDetails}, {@code contact} and {@code closeComment} are
 * present only for the owning enterprise and admins; for everyone else they are absent from the JSON.
 */
@Schema(name = "Demand")
public record DemandView(
        UUID id,
        UUID ownerOrgId,
        DemandStatus status,
        long version,
        String title,
        @JsonInclude(JsonInclude.Include.NON_NULL) String confidentialDetails,
        @JsonInclude(JsonInclude.Include.NON_NULL) ContactInput contact,
        String problemStatement,
        List<String> technicalIndicators,
        List<String> keywords,
        TechnicalField technicalField,
        List<String> ipcCodes,
        BudgetInput budget,
        LocalDate deadline,
        Set<CooperationMode> cooperationModes,
        Integer minTrl,
        String region,
        String language,
        @JsonInclude(JsonInclude.Include.NON_NULL) CloseReason closeReason,
        @JsonInclude(JsonInclude.Include.NON_NULL) String closeComment,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        OffsetDateTime openedAt) implements ListingView {
}
