package io.kechuang.listing.consent;

import io.kechuang.events.access.ListingKind;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import java.util.UUID;

/** What every consent record has: its id, and the listing it is about (kind, id, owner), never changed. */
@MappedSuperclass
public abstract class ConsentRecord extends PanacheEntityBase {

    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    @Column(name = "listing_kind", nullable = false, updatable = false)
    public ListingKind listingKind;

    @Column(name = "listing_id", nullable = false, updatable = false)
    public UUID listingId;

    @Column(name = "owner_org_id", nullable = false, updatable = false)
    public UUID ownerOrgId;

    /** A new record about {@code listing}. */
    void about(ConsentSubject listing) {
        id = UUID.randomUUID();
        listingKind = listing.kind();
        listingId = listing.listingId();
        ownerOrgId = listing.ownerOrgId();
    }
}
