package io.kechuang.listing.consent;

import io.kechuang.events.access.ListingKind;
import io.kechuang.events.access.NdaTermsState;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Whether a listing requires an NDA now, and the latest version of its terms ({@link NdaTerms}); one row per listing
 * that ever required one. {@code version} counts its changes: the {@code aggregateVersion} of its events.
 */
@Entity
@Table(name = "nda_requirement")
public class NdaRequirement extends PanacheEntityBase {

    @Id
    @Column(name = "listing_id")
    public UUID listingId;

    @Enumerated(EnumType.STRING)
    @Column(name = "listing_kind", nullable = false, updatable = false)
    public ListingKind listingKind;

    @Column(name = "owner_org_id", nullable = false, updatable = false)
    public UUID ownerOrgId;

    @Column(name = "latest_version", nullable = false)
    public int latestVersion;

    @Column(nullable = false)
    public boolean required;

    @Column(name = "changed_at", nullable = false)
    public OffsetDateTime changedAt;

    @Column(nullable = false)
    public long version;

    /** What its events carry: the version and a digest of the terms, never their text. */
    NdaTermsState state(String termsSha256) {
        return new NdaTermsState(listingId, listingKind, ownerOrgId, latestVersion, termsSha256, required, changedAt,
                version);
    }
}
