package io.kechuang.gateway.identity.api;

import io.kechuang.common.validation.RegionCode;
import io.kechuang.events.taxonomy.OrgType;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A new organisation.
 *
 * @param id optional: a fixed id, for organisations that already exist elsewhere (migrations, demo data)
 */
@Schema(name = "OrganisationRequest")
public record OrganisationRequest(
        @Schema(description = "Optional fixed id; generated when absent") UUID id,
        @NotBlank @Size(max = 200) @Schema(example = "四川大学技术转移中心") String name,
        @NotNull @Schema(example = "UNIVERSITY") OrgType type,
        @RegionCode @Schema(example = "510100") String regionCode,
        @Pattern(regexp = CREDIT_CODE, message = "must be an 18-character unified social credit code")
        @Schema(example = "12100000450716888X") String creditCode) {

    /** 统一社会信用代码: 18 characters from digits and upper-case letters without I, O, S, V, Z. */
    public static final String CREDIT_CODE = "[0-9A-HJ-NPQRTUWXY]{2}\\d{6}[0-9A-HJ-NPQRTUWXY]{10}";
}
