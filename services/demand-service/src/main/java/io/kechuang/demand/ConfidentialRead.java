package io.kechuang.demand;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One read of a demand's confidential details and contact by the broker assigned to one of its matches (audit). */
@Entity
@Table(name = "confidential_read")
public class ConfidentialRead extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "demand_id", nullable = false, updatable = false)
    public UUID demandId;

    /** The match through which the broker was entitled to the read. */
    @Column(name = "match_id", nullable = false, updatable = false)
    public UUID matchId;

    @Column(name = "reader_subject", nullable = false, updatable = false)
    public String readerSubject;

    @Column(name = "reader_org_id", updatable = false)
    public UUID readerOrgId;

    @Column(name = "read_at", nullable = false, updatable = false)
    public OffsetDateTime readAt;
}
