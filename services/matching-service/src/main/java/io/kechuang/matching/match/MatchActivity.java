package io.kechuang.matching.match;

import io.kechuang.events.match.MatchStatus;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One entry of a match's audit trail. Append-only: never updated once written. */
@Entity
@Immutable
public class MatchActivity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public UUID matchId;

    /** e.g. SHORTLIST, INTRODUCE, SCHEDULE_MEETING, NEGOTIATE, CONTRACT, DECLINE, NOT_RELEVANT, EXPIRE, CLAIM, ASSIGN, NOTE. */
    @Column(nullable = false)
    public String action;

    @Enumerated(EnumType.STRING)
    public MatchStatus fromStatus;

    @Enumerated(EnumType.STRING)
    public MatchStatus toStatus;

    @Column(nullable = false)
    public String actor;

    public UUID actorOrg;

    @Column(nullable = false)
    public String actorRole;

    public String reason;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> details;

    @Column(nullable = false)
    public OffsetDateTime at;
}
