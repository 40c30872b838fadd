package io.kechuang.demand.service;

import io.kechuang.common.paging.Page;
import io.kechuang.common.paging.PageRequest;
import io.kechuang.common.paging.Where;
import io.kechuang.common.problem.FieldError;
import io.kechuang.common.problem.ProblemException;
import io.kechuang.common.security.Caller;
import io.kechuang.common.security.Roles;
import io.kechuang.demand.CloseReason;
import io.kechuang.demand.Demand;
import io.kechuang.demand.api.CloseRequest;
import io.kechuang.demand.api.DemandRequest;
import io.kechuang.demand.api.DemandView;
import io.kechuang.demand.csv.DemandCsv;
import io.kechuang.demand.mapping.DemandMapper;
import io.kechuang.events.EventTypes;
import io.kechuang.events.Topics;
import io.kechuang.events.access.AccessScope;
import io.kechuang.events.access.ListingKind;
import io.kechuang.events.demand.DemandState;
import io.kechuang.events.demand.DemandStatus;
import io.kechuang.events.match.MatchState;
import io.kechuang.events.match.MatchStatus;
import io.kechuang.events.taxonomy.OrgType;
import io.kechuang.listing.Disclosure;
import io.kechuang.listing.Expiry;
import io.kechuang.listing.ListingEvents;
import io.kechuang.listing.ListingService;
import io.kechuang.listing.Transition;
import io.kechuang.listing.csv.CsvSchema;
import io.kechuang.listing.lifecycle.AllowedActions;
import io.kechuang.listing.lifecycle.StatusMachine;
import io.kechuang.listing.match.MatchLinks;
import io.kechuang.listing.match.MatchReaction;
import io.kechuang.listing.match.MatchSide;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Demands (技术需求): what is particular to them, on the lifecycle every listing shares ({@link ListingService}).
 * Enterprises post them; {@code DRAFT → OPEN → IN_NEGOTIATION → FULFILLED | CLOSED | EXPIRED}, where OPEN and
 * IN_NEGOTIATION are on the market and EXPIRED is reached only by the expiry job once the deadline has passed.
 * <p>
 * Matches move demands too ({@link #react}): an open demand goes into negotiation once one of its matches has
 * introduced the parties, and is fulfilled once one is contracted. A demand already further along stays as it is.
 * When a match is declined and no other match of the demand is still introduced, meeting or negotiating, a demand that
 * a match had put into negotiation goes back to OPEN; one the enterprise put there itself stays.
 * <p>
 * The broker assigned to a live match of a demand may request access to its confidential details and its contact;
 * it reads what the enterprise granted (and, if it requires one, once the broker accepted its NDA), and every such
 * read is audited. Every public method is one transaction.
 */
@ApplicationScoped
@Transactional
public class DemandService extends ListingService<Demand, DemandStatus, DemandRequest, DemandView>
        implements MatchReaction {

    /** Which owner actions each status allows; the 409 body lists them. */
    static final StatusMachine<DemandStatus> STATUSES = StatusMachine.of(DemandStatus.DRAFT,
            Set.of(DemandStatus.OPEN, DemandStatus.IN_NEGOTIATION), AllowedActions.of("Demand", DemandStatus.class, Map.of(
                    DemandStatus.DRAFT, List.of("update", "open", "delete"),
                    DemandStatus.OPEN, List.of("update", "negotiate", "close", "fulfil"),
                    DemandStatus.IN_NEGOTIATION, List.of("update", "close", "fulfil"),
                    DemandStatus.FULFILLED, List.of(),
                    DemandStatus.CLOSED, List.of(),
                    DemandStatus.EXPIRED, List.of())));

    static final Transition<Demand, DemandStatus> OPEN = Transition.<Demand, DemandStatus>to(DemandStatus.OPEN, "open",
            EventTypes.DEMAND_OPENED).also(d -> d.openedAt = OffsetDateTime.now(ZoneOffset.UTC));
    /** The enterprise's own move: it stays until the enterprise closes or fulfils the demand. */
    static final Transition<Demand, DemandStatus> NEGOTIATE = Transition.<Demand, DemandStatus>to(
            DemandStatus.IN_NEGOTIATION, "negotiate", EventTypes.DEMAND_IN_NEGOTIATION).also(d -> d.negotiationByMatch = false);
    /** A match's move: undone ({@link #REOPEN}) once no match of the demand carries a negotiation any more. */
    static final Transition<Demand, DemandStatus> NEGOTIATE_BY_MATCH = Transition.<Demand, DemandStatus>to(
            DemandStatus.IN_NEGOTIATION, "negotiate", EventTypes.DEMAND_IN_NEGOTIATION).also(d -> d.negotiationByMatch = true);
    /**
     * IN_NEGOTIATION → OPEN, emitting {@code updated} with the new status. Not an owner action: it is made only by
     * {@link #react} after its own checks, under the action IN_NEGOTIATION allows, {@code update}.
     */
    static final Transition<Demand, DemandStatus> REOPEN = Transition.<Demand, DemandStatus>to(DemandStatus.OPEN, "update",
            EventTypes.DEMAND_UPDATED).also(d -> d.negotiationByMatch = false);
    static final Transition<Demand, DemandStatus> FULFIL = Transition.to(DemandStatus.FULFILLED, "fulfil",
            EventTypes.DEMAND_FULFILLED);

    private static final ListingEvents EVENTS = new ListingEvents(Topics.DEMANDS, EventTypes.DEMAND_UPDATED,
            EventTypes.DEMAND_RESYNCED, EventTypes.DEMAND_REMOVED);

    private static final Expiry<Demand, DemandStatus> EXPIRY = new Expiry<>(
            "select id from demand where status in ('OPEN', 'IN_NEGOTIATION') and deadline < ?1 order by deadline, id",
            Transition.to(DemandStatus.EXPIRED, "expire", EventTypes.DEMAND_EXPIRED));

    private static final Set<AccessScope> BROKER_SCOPES = Set.copyOf(EnumSet.allOf(AccessScope.class));

    public DemandService() {
        super(Demand.class, Demand::new, "/api/demands", STATUSES);
    }

    public DemandView open(Caller caller, UUID id, String ifMatch) {
        return change(caller, id, ifMatch, OPEN);
    }

    public DemandView startNegotiation(Caller caller, UUID id, String ifMatch) {
        return change(caller, id, ifMatch, NEGOTIATE);
    }

    public DemandView markFulfilled(Caller caller, UUID id, String ifMatch) {
        return change(caller, id, ifMatch, FULFIL);
    }

    /** Takes a demand off the market with a public reason; OTHER needs the owner's comment, which stays private. */
    public DemandView close(Caller caller, UUID id, String ifMatch, CloseRequest closing) {
        String comment = closing.comment() == null || closing.comment().isBlank() ? null : closing.comment().strip();
        if (closing.reason() == CloseReason.OTHER && comment == null) {
            throw ProblemException.validation("comment", "is required when the reason is OTHER");
        }
        return change(caller, id, ifMatch, Transition.<Demand, DemandStatus>to(DemandStatus.CLOSED, "close",
                EventTypes.DEMAND_CLOSED).also(d -> {
                    d.closeReason = closing.reason();
                    d.closeComment = comment;
                }));
    }

    public Page<DemandView> list(Caller caller, DemandFilter filter, PageRequest page) {
        String region = filter.regionPrefix();
        return list(caller, new Where()
                .andIf(filter.owner(), "ownerOrgId = :owner", "owner")
                .andIf(filter.status(), "status = :status", "status")
                .andIf(filter.field(), "technicalField = :field", "field")
                .andIf(region == null ? null : region + "%", "region like :region", "region")
                .andIf(filter.deadlineFrom(), "deadline >= :deadlineFrom", "deadlineFrom")
                .andIf(filter.deadlineTo(), "deadline <= :deadlineTo", "deadlineTo")
                .andIf(filter.updatedSince(), "updatedAt >= :since", "since"), page);
    }

    /** The import header and one example row whose deadline is half a year ahead. */
    public String importTemplate() {
        return DemandCsv.template(today().plusMonths(6));
    }

    @Override
    public MatchSide side() {
        return MatchSide.DEMAND;
    }

    /**
     * Introduced (or further): OPEN → IN_NEGOTIATION. Contracted: OPEN or IN_NEGOTIATION → FULFILLED. Declined (or
     * expired): IN_NEGOTIATION → OPEN if a match put the demand there and none of its matches is still introduced or
     * further ({@link #reopenIfNoNegotiationLeft}).
     */
    @Override
    public void react(MatchState match) {
        if (match.status() == MatchStatus.CONTRACTED) {
            moveIfAllowed(match.demandId(), FULFIL);
        } else if (MatchLinks.INTRODUCED_OR_LATER.contains(match.status())) {
            moveIfAllowed(match.demandId(), NEGOTIATE_BY_MATCH);
        } else if (match.status() == MatchStatus.DECLINED || match.status() == MatchStatus.EXPIRED) {
            reopenIfNoNegotiationLeft(match.demandId());
        }
    }

    // What a demand is, for the shared lifecycle.

    @Override
    protected void requirePoster(Caller caller) {
        if (!caller.hasRole(Roles.ENTERPRISE) || caller.orgType() != OrgType.ENTERPRISE) {
            throw ProblemException.forbidden("Only users of an enterprise may post demands");
        }
    }

    @Override
    protected DemandStatus statusOf(Demand demand) {
        return demand.status;
    }

    @Override
    protected void setStatus(Demand demand, DemandStatus status) {
        demand.status = status;
    }

    @Override
    protected void apply(DemandRequest request, Demand demand) {
        DemandMapper.apply(request, demand);
    }

    /**
     * The contact from {@code CONTACT} on, the confidential details from {@code CONFIDENTIAL} on, the closing comment
     * only for the owner and admins.
     */
    @Override
    protected DemandView view(Demand demand, Disclosure disclosure) {
        return DemandMapper.toView(demand, disclosure);
    }

    @Override
    protected DemandState state(Demand demand) {
        return DemandMapper.toState(demand);
    }

    /**
     * What every listing needs (something to match on, someone to reach), plus a currency for any budget, a problem a
     * provider can judge and a deadline still ahead. A draft may be incomplete; opening, or editing an open demand,
     * may not.
     */
    @Override
    protected List<FieldError> readiness(Demand d, LocalDate today) {
        return d.readiness("to open")
                .check(!d.hasBudget() || d.budgetCurrency != null, "budget.currency", "is required when a budget is given")
                .present(d.problemStatement, "problemStatement", "is required to open")
                .present(d.deadline, "deadline", "is required to open")
                .check(d.deadline == null || d.deadline.isAfter(today), "deadline", "must be in the future to open")
                .list();
    }

    @Override
    protected Transition<Demand, DemandStatus> publication() {
        return OPEN;
    }

    @Override
    protected ListingEvents events() {
        return EVENTS;
    }

    @Override
    protected Expiry<Demand, DemandStatus> expiry() {
        return EXPIRY;
    }

    @Override
    protected CsvSchema<DemandRequest> csvSchema() {
        return DemandCsv.SCHEMA;
    }

    @Override
    protected ListingKind kind() {
        return ListingKind.DEMAND;
    }

    /** The confidential details and the contact, never the closing comment: each once the owner grants it. */
    @Override
    protected Set<AccessScope> brokerScopes() {
        return BROKER_SCOPES;
    }

    /**
     * Puts the demand back on the open market if a match had put it into negotiation and no match of it is still
     * {@code INTRODUCED}, {@code MEETING_SCHEDULED}, {@code NEGOTIATING} (or {@code CONTRACTED}). The demand is locked
     * before the matches are read: a concurrent introduction of another match (another partition, maybe another
     * replica) either committed before, and is seen here, or waits for this lock and then finds the demand OPEN and
     * moves it into negotiation again. Its match row is already written in this transaction, so a replayed or late
     * event, which {@link MatchLinks} skips, never gets here.
     */
    private void reopenIfNoNegotiationLeft(UUID demandId) {
        Demand demand = em.find(Demand.class, demandId, LockModeType.PESSIMISTIC_WRITE);
        if (demand == null || demand.status != DemandStatus.IN_NEGOTIATION || !demand.negotiationByMatch
                || matches.anyIn(demandId, MatchLinks.INTRODUCED_OR_LATER)) {
            return;
        }
        moveIfAllowed(demandId, REOPEN);
    }
}
