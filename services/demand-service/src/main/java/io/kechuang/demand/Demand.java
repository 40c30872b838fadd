package io.kechuang.demand;

import io.kechuang.events.demand.DemandStatus;
import io.kechuang.listing.Listing;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * 技术需求: a technology demand owned by an enterprise. The parts every listing has (title, keywords, field, contact,
 * region, ...) come from {@link Listing}.
 */
@Entity
@Table(name = "demand")
public class Demand extends Listing {

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public DemandStatus status;

    /** The public summary of the problem. */
    @Column(name = "problem_statement")
    public String problemStatement;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "technical_indicators")
    public List<String> technicalIndicators = new ArrayList<>();

    /**
     * What the enterprise tells only a trusted counterpart: shown to the owner, admins and, once the enterprise granted
     * it, the broker assigned to a match of the demand (audited, see {@code AssignedBrokerReads} in libs/listing);
     * never in events.
     */
    @Column(name = "confidential_details")
    public String confidentialDetails;

    @Column(name = "budget_min")
    public BigDecimal budgetMin;

    @Column(name = "budget_max")
    public BigDecimal budgetMax;

    @Column(name = "budget_currency")
    public String budgetCurrency;

    /** The last day the demand is on the market; the expiry job takes it off after this day. */
    public LocalDate deadline;

    /** The lowest technology readiness level accepted, 1–9; null accepts any. */
    @Column(name = "min_trl")
    public Integer minTrl;

    @Enumerated(EnumType.STRING)
    @Column(name = "close_reason")
    public CloseReason closeReason;

    /** The owner's words when closing; internal, like the confidential details. */
    @Column(name = "close_comment")
    public String closeComment;

    @Column(name = "opened_at")
    public OffsetDateTime openedAt;

    /**
     * Whether the demand is IN_NEGOTIATION because one of its matches introduced the parties, rather than by the
     * enterprise's own {@code negotiate}: only then does it go back to OPEN when those matches are all declined.
     */
    @Column(name = "negotiation_by_match", nullable = false)
    public boolean negotiationByMatch;

    /** Whether a budget is stated at all: a minimum, a maximum or both. */
    public boolean hasBudget() {
        return budgetMin != null || budgetMax != null;
    }
}
