package io.kechuang.listing.consent;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One version of a listing's NDA terms, as its owner wrote them; never changed, kept after newer ones. */
@Entity
@Table(name = "nda_terms")
public class NdaTerms extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "listing_id", nullable = false, updatable = false)
    public UUID listingId;

    @Column(name = "terms_version", nullable = false, updatable = false)
    public int termsVersion;

    @Column(nullable = false, updatable = false)
    public String terms;

    @Column(name = "terms_sha256", nullable = false, updatable = false)
    public String termsSha256;

    @Column(name = "created_by", nullable = false, updatable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false, updatable = false)
    public OffsetDateTime createdAt;
}
