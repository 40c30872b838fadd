package io.kechuang.listing.consent;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A listing's NDA as someone entitled to read its terms sees it. */
@Schema(name = "Nda", description = "The NDA a listing's owner requires before anything is disclosed")
public record NdaView(
        UUID listingId,
        @Schema(description = "Whether an NDA is required now") boolean required,
        @Schema(description = "The current version (the latest, if no longer required); null if there never was one",
                example = "2") Integer termsVersion,
        @Schema(description = "The current terms; null when none is required") String terms,
        @Schema(description = "SHA-256 of the terms' UTF-8 text, as the events carry it") String termsSha256,
        OffsetDateTime changedAt,
        @Schema(description = "Whether the caller (as the assigned broker, or for its introduced organisation) has "
                + "accepted the current version") boolean acceptedByCaller) {
}
