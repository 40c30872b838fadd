package io.kechuang.events.access;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The NDA an owner requires before anything of the listing is disclosed ({@code kechuang.nda.required} for a new
 * version of the terms, {@code kechuang.nda.dropped} when the owner stops requiring one). The terms' text stays in
 * the owning service; the event carries its SHA-256 so a reader can tell versions apart.
 *
 * @param termsVersion 1, 2, …: each new text is a new version; acceptances name the version they accepted
 * @param required false once dropped
 */
public record NdaTermsState(
        UUID listingId,
        ListingKind listingKind,
        UUID ownerOrgId,
        int termsVersion,
        String termsSha256,
        boolean required,
        OffsetDateTime changedAt,
        long version) {
}
