package io.kechuang.listing.consent;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Accepting one version of a listing's NDA terms: exactly the current one. */
@Schema(name = "NdaAcceptanceInput")
public record NdaAcceptanceInput(
        @Schema(description = "The version read and accepted; must be the current one", example = "2")
        @NotNull @Min(value = 1, message = "must be 1 or more") Integer termsVersion) {
}
