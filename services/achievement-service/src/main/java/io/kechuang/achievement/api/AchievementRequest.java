package io.kechuang.achievement.api;

import io.kechuang.common.validation.IpcCode;
import io.kechuang.common.validation.IsoCurrency;
import io.kechuang.common.validation.LanguageCode;
import io.kechuang.common.validation.RegionCode;
import io.kechuang.events.achievement.IpType;
import io.kechuang.events.achievement.MaturityStage;
import io.kechuang.events.achievement.PatentLegalStatus;
import io.kechuang.events.taxonomy.CooperationMode;
import io.kechuang.events.taxonomy.TechnicalField;
import io.kechuang.listing.ContactInput;
import io.kechuang.listing.ListingRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What an owner writes when creating or replacing an achievement. A draft needs only a title; publishing needs
 * the fields a buyer must see (see {@code PublicationRules}). Every text and list is bounded.
 */
@Schema(name = "AchievementRequest", description = "An achievement as its owner writes it")
public record AchievementRequest(
        @NotBlank @Size(max = 200) @Schema(example = "一种钙钛矿光伏组件的低温封装方法") String title,
        @Size(max = 2000) @Schema(description = "Public summary, no confidential content") String summary,
        @Size(max = 20000) String description,
        @Size(max = 20, message = "at most 20 keywords") List<@NotBlank @Size(max = 40) String> keywords,
        TechnicalField technicalField,
        @Size(max = 20) List<@NotBlank @IpcCode String> ipcCodes,
        IpType ipType,
        @Size(max = 50) List<@Valid @NotNull PatentInput> patents,
        @Min(1) @Max(9) @Schema(description = "Technology readiness level 1–9", example = "6") Integer trl,
        MaturityStage stage,
        @Size(max = 6) Set<@NotNull CooperationMode> cooperationModes,
        @Valid PriceInput askingPrice,
        @Schema(description = "Price open to negotiation (面议)") Boolean priceNegotiable,
        @Size(max = 20) List<@NotBlank @Size(max = 500) String> advantages,
        @Size(max = 20) List<@NotBlank @Size(max = 200) String> applicationScenarios,
        @Size(max = 50) List<@Valid @NotNull InventorInput> inventors,
        @Valid ContactInput contact,
        @RegionCode String region,
        @LanguageCode String language,
        @Schema(description = "The listing expires after this day", example = "2027-12-31") LocalDate expiresOn)
        implements ListingRequest {

    @Schema(name = "Patent")
    public record PatentInput(
            @NotBlank @Size(max = 50) @Schema(example = "CN202310123456.7") String number,
            @NotNull PatentLegalStatus legalStatus) {
    }

    @Schema(name = "Price")
    public record PriceInput(
            @NotNull @DecimalMin("0") @Digits(integer = 16, fraction = 2) @Schema(example = "1500000") BigDecimal amount,
            @NotNull @IsoCurrency @Schema(example = "CNY") String currency) {
    }

    @Schema(name = "Inventor", description = "Personal data: shown only to the owner and admins")
    public record InventorInput(
            @NotBlank @Size(max = 100) String name,
            @Size(max = 100) String title,
            @Email @Size(max = 200) String email,
            @Size(max = 40) String phone) {
    }
}
