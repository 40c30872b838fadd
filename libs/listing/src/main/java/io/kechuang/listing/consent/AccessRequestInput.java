package io.kechuang.listing.consent;

import io.kechuang.events.access.AccessScope;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A broker asks the owner to read parts of a listing, through the match it is assigned to. */
@Schema(name = "AccessRequestInput")
public record AccessRequestInput(
        @Schema(description = "The match of this listing the broker is assigned to",
                example = "6f1d2c3b-4a5e-4f60-8b7a-9c0d1e2f3a4b") @NotNull UUID matchId,
        @Schema(description = "What to read: CONTACT (any listing), DETAILS (a demand's confidential details)",
                example = "[\"DETAILS\", \"CONTACT\"]") @NotEmpty Set<@NotNull AccessScope> scopes) {
}
