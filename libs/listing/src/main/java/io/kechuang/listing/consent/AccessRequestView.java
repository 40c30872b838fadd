package io.kechuang.listing.consent;

import io.kechuang.events.access.AccessScope;
import io.kechuang.events.access.AccessStatus;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An access request as the owner, an admin or the requesting broker sees it. */
@Schema(name = "AccessRequest", description = "A broker's request to read what a listing keeps from the public, and "
        + "the owner's decision. PENDING → GRANTED | REFUSED; GRANTED → REVOKED; PENDING, GRANTED → LAPSED when the "
        + "match is reassigned, declined or expired")
public record AccessRequestView(
        UUID id,
        UUID listingId,
        @Schema(description = "The match assignment the request (and a grant) is tied to") UUID matchId,
        @Schema(description = "The broker's user id (token subject)", example = "broker.wang@tj-ttc") String brokerSubject,
        UUID brokerOrgId,
        Set<AccessScope> scopes,
        AccessStatus status,
        OffsetDateTime requestedAt,
        @Schema(description = "When it was granted, if it was (kept after a revocation or lapse)") OffsetDateTime grantedAt,
        @Schema(description = "The owner's user who granted it") String grantedBy,
        @Schema(description = "When the last decision was taken: grant, refusal, revocation or lapse") OffsetDateTime decidedAt,
        @Schema(description = "Who took it; `system` for a lapse") String decidedBy,
        OffsetDateTime updatedAt) {

    static AccessRequestView of(AccessRequest r) {
        return new AccessRequestView(r.id, r.listingId, r.matchId, r.brokerSubject, r.brokerOrgId, Set.copyOf(r.scopes),
                r.status, r.requestedAt, r.grantedAt, r.grantedBy, r.decidedAt, r.decidedBy, r.updatedAt);
    }
}
