package io.kechuang.events.access;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Someone accepted one version of a listing's NDA terms ({@code kechuang.nda.accepted}).
 *
 * @param capacity BROKER (the assigned broker, before a grant discloses anything) or COUNTERPART (a user of the
 *        organisation introduced through a match, before the contact is shown)
 */
public record NdaAcceptanceState(
        UUID id,
        ListingKind listingKind,
        UUID listingId,
        UUID ownerOrgId,
        int termsVersion,
        String acceptedBySubject,
        UUID acceptedByOrgId,
        String capacity,
        UUID matchId,
        OffsetDateTime acceptedAt) {
}
