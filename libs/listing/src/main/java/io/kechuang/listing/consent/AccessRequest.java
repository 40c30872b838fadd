package io.kechuang.listing.consent;

import io.kechuang.events.access.AccessRequestState;
import io.kechuang.events.access.AccessScope;
import io.kechuang.events.access.AccessStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A broker's request to read what a listing keeps from the public, made through one match assignment, and where the
 * owner's decision on it stands. {@code version} counts its changes: the {@code aggregateVersion} of its events.
 */
@Entity
@Table(name = "access_request")
public class AccessRequest extends ConsentRecord {

    @Column(name = "match_id", nullable = false, updatable = false)
    public UUID matchId;

    @Column(name = "broker_subject", nullable = false, updatable = false)
    public String brokerSubject;

    @Column(name = "broker_org_id", updatable = false)
    public UUID brokerOrgId;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, updatable = false)
    public Set<AccessScope> scopes = EnumSet.noneOf(AccessScope.class);

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public AccessStatus status;

    @Column(name = "requested_at", nullable = false, updatable = false)
    public OffsetDateTime requestedAt;

    @Column(name = "granted_at")
    public OffsetDateTime grantedAt;

    @Column(name = "granted_by")
    public String grantedBy;

    /** The last decision: the grant, refusal, revocation or lapse. */
    @Column(name = "decided_at")
    public OffsetDateTime decidedAt;

    @Column(name = "decided_by")
    public String decidedBy;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    @Column(nullable = false)
    public long version;

    /** Moves to {@code target}, decided now by {@code by} (a user id, or {@code system} for a lapse). */
    void decide(AccessStatus target, String by, OffsetDateTime now) {
        if (target == AccessStatus.GRANTED) {
            grantedAt = now;
            grantedBy = by;
        }
        status = target;
        decidedAt = now;
        decidedBy = by;
        updatedAt = now;
        version++;
    }

    /** What its events carry: who asked for what, through which match, and the decision; nothing of the listing. */
    AccessRequestState state() {
        return new AccessRequestState(id, listingKind, listingId, ownerOrgId, matchId, brokerSubject, brokerOrgId,
                Set.copyOf(scopes), status, requestedAt, decidedAt, decidedBy, version);
    }
}
