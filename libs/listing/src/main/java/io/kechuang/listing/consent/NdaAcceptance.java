package io.kechuang.listing.consent;

import io.kechuang.events.access.NdaAcceptanceState;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Someone accepted one version of a listing's NDA terms; never changed or deleted. */
@Entity
@Table(name = "nda_acceptance")
public class NdaAcceptance extends ConsentRecord {

    @Column(name = "terms_version", nullable = false, updatable = false)
    public int termsVersion;

    @Column(name = "accepted_by_subject", nullable = false, updatable = false)
    public String acceptedBySubject;

    @Column(name = "accepted_by_org_id", updatable = false)
    public UUID acceptedByOrgId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    public NdaCapacity capacity;

    /** The match through which the acceptor was entitled: the broker's assignment, or the introduction. */
    @Column(name = "match_id", updatable = false)
    public UUID matchId;

    @Column(name = "accepted_at", nullable = false, updatable = false)
    public OffsetDateTime acceptedAt;

    NdaAcceptanceState state() {
        return new NdaAcceptanceState(id, listingKind, listingId, ownerOrgId, termsVersion, acceptedBySubject,
                acceptedByOrgId, capacity.name(), matchId, acceptedAt);
    }
}
