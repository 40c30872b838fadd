package io.kechuang.demand.api;

import io.kechuang.common.validation.IpcCode;
import io.kechuang.common.validation.LanguageCode;
import io.kechuang.common.validation.RegionCode;
import io.kechuang.events.taxonomy.CooperationMode;
import io.kechuang.events.taxonomy.TechnicalField;
import io.kechuang.listing.ContactInput;
import io.kechuang.listing.ListingRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What an enterprise writes when creating or replacing a demand. A draft needs only a title; opening it to the
 * market needs what a provider must know to answer (see {@code Demand#readinessToOpen}). Every text and list is bounded.
 */
@Schema(name = "DemandRequest", description = "A technology demand as its owner writes it")
public record DemandRequest(
        @NotBlank @Size(max = 200) @Schema(example = "动力电池健康状态（SOH）在线估计算法") String title,
        @Size(max = 4000) @Schema(description = "Public summary of the problem (需求描述); no confidential content")
        String problemStatement,
        @Size(max = 20, message = "at most 20 indicators") List<@NotBlank @Size(max = 300) String> technicalIndicators,
        @Size(max = 10000) @Schema(description = "Shown only to the owner and admins; never in lists for others or in events")
        String confidentialDetails,
        @Valid ContactInput contact,
        @Size(max = 20, message = "at most 20 keywords") List<@NotBlank @Size(max = 40) String> keywords,
        TechnicalField technicalField,
        @Size(max = 20) List<@NotBlank @IpcCode String> ipcCodes,
        @Valid BudgetInput budget,
        @Schema(description = "Last day on the market; must be in the future to open", example = "2027-06-30")
        LocalDate deadline,
        @Size(max = 6) Set<@NotNull CooperationMode> cooperationModes,
        @Min(1) @Max(9) @Schema(description = "Lowest technology readiness level accepted, 1–9", example = "6") Integer minTrl,
        @RegionCode String region,
        @LanguageCode String language) implements ListingRequest {
}
