package io.kechuang.events.access;

import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;

/**
 * An access request after a change ({@code kechuang.access.requested}, {@code .granted}, {@code .refused},
 * {@code .revoked}, {@code .lapsed}).
 *
 * @param brokerSubject the requesting broker's user id (token subject)
 * @param decidedBy the owner's user who granted, refused or revoked it; {@code system} for a lapse; null while pending
 */
public record AccessRequestState(
        UUID id,
        ListingKind listingKind,
        UUID listingId,
        UUID ownerOrgId,
        UUID matchId,
        String brokerSubject,
        UUID brokerOrgId,
        Set<AccessScope> scopes,
        AccessStatus status,
        OffsetDateTime requestedAt,
        OffsetDateTime decidedAt,
        String decidedBy,
        long version) {
}
