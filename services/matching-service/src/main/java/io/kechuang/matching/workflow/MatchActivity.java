package io.kechuang.matching.workflow;

import io.kechuang.events.match.MatchStatus;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One entry of a match's audit trail. Append-only. */
@Entity
@Table(name = "match_activity")
public class MatchActivity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "match_id", nullable = false, updatable = false)
    public UUID matchId;

    /** e.g. SHORTLIST, INTRODUCE, SCHEDULE_MEETING, NEGOTIATE, CONTRACT, DECLINE, NOT_RELEVANT, EXPIRE, CLAIM, ASSIGN, NOTE. */
    @Column(nullable = false, updatable = false)
    public String action;

    @Enumerated(EnumType.STRING)
    @Column(name = "from_status", updatable = false)
    public MatchStatus fromStatus;

    @Enumerated(EnumType.STRING)
    @Column(name = "to_status", updatable = false)
    public MatchStatus toStatus;

    @Column(nullable = false, updatable = false)
    public String actor;

    @Column(name = "actor_org", updatable = false)
    public UUID actorOrg;

    @Column(name = "actor_role", nullable = false, updatable = false)
    public String actorRole;

    @Column(updatable = false)
    public String reason;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(updatable = false)
    public Map<String, Object> details;

    @Column(nullable = false, updatable = false)
    public OffsetDateTime at;
}
