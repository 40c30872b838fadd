package io.kechuang.gateway.identity;

import io.kechuang.events.taxonomy.OrgType;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** An organisation on the platform: a university, an institute, an enterprise, a brokerage, a partner, or the operator. */
@Entity
@Table(name = "organisation")
public class Organisation extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public OrgType type;

    /** GB/T 2260 administrative division code. */
    @Column(name = "region_code")
    public String regionCode;

    /** 统一社会信用代码, 18 characters. */
    @Column(name = "credit_code")
    public String creditCode;

    /** A disabled organisation's users and clients get no tokens. */
    @Column(nullable = false)
    public boolean enabled = true;

    /** The version of its last state on {@code identity.v1}; 0 until it was first published. */
    @Column(nullable = false)
    public long version;

    @Column(name = "created_at", nullable = false, updatable = false)
    public OffsetDateTime createdAt;

    /** When its last published state was made. */
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
