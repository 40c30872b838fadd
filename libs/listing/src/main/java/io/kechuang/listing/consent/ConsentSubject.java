package io.kechuang.listing.consent;

import io.kechuang.events.Topics;
import io.kechuang.events.access.ListingKind;
import java.util.Locale;
import java.util.UUID;

/**
 * The listing a consent is about, as the kernel resolved it: its kind (which names the topic), id and owner.
 *
 * @param ownerOrgId the organisation that decides, and whose users see everything anyway
 */
public record ConsentSubject(ListingKind kind, UUID listingId, UUID ownerOrgId) {

    /** Where consent events on listings of {@code kind} go. */
    static String topic(ListingKind kind) {
        return kind == ListingKind.DEMAND ? Topics.DEMAND_ACCESS : Topics.ACHIEVEMENT_ACCESS;
    }

    String topic() {
        return topic(kind);
    }

    /** The listing's kind in prose: {@code demand}, {@code achievement}. */
    String noun() {
        return kind.name().toLowerCase(Locale.ROOT);
    }
}
