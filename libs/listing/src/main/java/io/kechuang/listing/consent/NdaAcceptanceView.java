package io.kechuang.listing.consent;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Who accepted which version of a listing's NDA terms, when, and in which capacity. */
@Schema(name = "NdaAcceptance")
public record NdaAcceptanceView(
        UUID id,
        UUID listingId,
        int termsVersion,
        @Schema(description = "The user who accepted (token subject)", example = "broker.wang@tj-ttc")
        String acceptedBySubject,
        UUID acceptedByOrgId,
        NdaCapacity capacity,
        @Schema(description = "The broker's assignment, or the match that introduced the counterpart") UUID matchId,
        OffsetDateTime acceptedAt) {

    static NdaAcceptanceView of(NdaAcceptance a) {
        return new NdaAcceptanceView(a.id, a.listingId, a.termsVersion, a.acceptedBySubject, a.acceptedByOrgId,
                a.capacity, a.matchId, a.acceptedAt);
    }
}
