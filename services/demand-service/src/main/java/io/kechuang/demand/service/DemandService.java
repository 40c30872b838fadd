package io.kechuang.demand.service;

import io.kechuang.common.csv.ImportReport;
import io.kechuang.common.idempotency.CreateOutcome;
import io.kechuang.common.lifecycle.AllowedActions;
import io.kechuang.common.listing.ExpiringListings;
import io.kechuang.common.listing.ListingType;
import io.kechuang.common.listing.ListingType.Lifecycle;
import io.kechuang.common.listing.ListingType.Mapping;
import io.kechuang.common.listing.Disclosure;
import io.kechuang.common.listing.Listings;
import io.kechuang.common.listing.Transition;
import io.kechuang.common.match.AssignedBrokerReads;
import io.kechuang.common.match.BrokerRead;
import io.kechuang.common.match.MatchLinks;
import io.kechuang.common.match.MatchReaction;
import io.kechuang.common.match.MatchSide;
import io.kechuang.common.paging.Page;
import io.kechuang.common.paging.PageRequest;
import io.kechuang.common.paging.Where;
import io.kechuang.common.problem.ProblemException;
import io.kechuang.common.security.Caller;
import io.kechuang.common.security.Roles;
import io.kechuang.common.time.PlatformConfig;
import io.kechuang.demand.CloseReason;
import io.kechuang.demand.Demand;
import io.kechuang.demand.csv.DemandCsv;
import io.kechuang.demand.mapping.DemandMapper;
import io.kechuang.demand.rest.CloseRequest;
import io.kechuang.demand.rest.DemandRequest;
import io.kechuang.demand.rest.DemandView;
import io.kechuang.events.EventTypes;
import io.kechuang.events.Topics;
import io.kechuang.events.demand.DemandStatus;
import io.kechuang.events.match.MatchState;
import io.kechuang.events.match.MatchStatus;
import io.kechuang.events.taxonomy.OrgType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Demands on the shared listing rules ({@link Listings}): what is particular to them is declared here. Enterprises
 * post them; {@code DRAFT → OPEN → IN_NEGOTIATION → FULFILLED | CLOSED | EXPIRED}, where OPEN and IN_NEGOTIATION are
 * on the market and EXPIRED is reached only by the expiry job once the deadline has passed.
 * <p>
 * Matches move demands too ({@link #react}): an open demand goes into negotiation once one of its matches has
 * introduced the parties, and is fulfilled once one is contracted. A demand already further along stays as it is.
 * When a match is declined and no other match of the demand is still introduced, meeting or negotiating, a demand that
 * a match had put into negotiation goes back to OPEN; one the enterprise put there itself stays.
 */
@ApplicationScoped
public class DemandService implements ExpiringListings, MatchReaction {

    private static final Set<DemandStatus> ON_MARKET = Set.of(DemandStatus.OPEN, DemandStatus.IN_NEGOTIATION);

    /** Which owner actions each status allows; the 409 body lists them. */
    private static final AllowedActions<DemandStatus> ACTIONS = AllowedActions.of("Demand", DemandStatus.class, Map.of(
            DemandStatus.DRAFT, List.of("update", "open", "delete"),
            DemandStatus.OPEN, List.of("update", "negotiate", "close", "fulfil"),
            DemandStatus.IN_NEGOTIATION, List.of("update", "close", "fulfil"),
            DemandStatus.FULFILLED, List.of(),
            DemandStatus.CLOSED, List.of(),
            DemandStatus.EXPIRED, List.of()));

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

    public static final ListingType<Demand, DemandStatus, DemandRequest, DemandView> DEMANDS = ListingType
            .<Demand, DemandStatus, DemandRequest, DemandView>of(Demand.class, Demand::new, "/api/demands")
            .postedBy(caller -> caller.hasRole(Roles.ENTERPRISE) && caller.orgType() == OrgType.ENTERPRISE,
                    "Only users of an enterprise may post demands")
            .lifecycle(new Lifecycle<>(d -> d.status, (d, status) -> d.status = status, DemandStatus.DRAFT, ON_MARKET, ACTIONS))
            .mapping(new Mapping<>(DemandMapper::apply, DemandMapper::toView, DemandMapper::toState))
            .events(Topics.DEMANDS, EventTypes.DEMAND_UPDATED)
            .resyncs(EventTypes.DEMAND_RESYNCED, EventTypes.DEMAND_REMOVED)
            .goesPublic(OPEN, Demand::readinessToOpen)
            .expires("select id from demand where status in ('OPEN', 'IN_NEGOTIATION') and deadline < ?1 order by deadline, id",
                    Transition.to(DemandStatus.EXPIRED, "expire", EventTypes.DEMAND_EXPIRED))
            .build();

    @Inject
    Listings listings;

    @Inject
    PlatformConfig platform;

    @Inject
    AssignedBrokerReads brokerReads;

    @Inject
    MatchLinks matches;

    @Inject
    EntityManager em;

    /**
     * A demand as the caller may read it; the broker assigned to a live match gets the confidential details and the
     * contact, and each such read is audited.
     */
    public DemandView read(Caller caller, UUID id) {
        return brokerReads.asAssignedBroker(DEMANDS, caller, id, d -> DemandMapper.toView(d, Disclosure.CONFIDENTIAL))
                .orElseGet(() -> listings.get(DEMANDS, caller, id));
    }

    /** Who of the assigned brokers read the confidential details, newest first: for the owning enterprise and admins. */
    public Page<BrokerRead> confidentialReads(Caller caller, UUID id, PageRequest page) {
        return brokerReads.trail(DEMANDS, caller, id, page);
    }

    public DemandView open(Caller caller, UUID id, String ifMatch) {
        return listings.change(DEMANDS, caller, id, ifMatch, OPEN);
    }

    public DemandView startNegotiation(Caller caller, UUID id, String ifMatch) {
        return listings.change(DEMANDS, caller, id, ifMatch, NEGOTIATE);
    }

    public DemandView markFulfilled(Caller caller, UUID id, String ifMatch) {
        return listings.change(DEMANDS, caller, id, ifMatch, FULFIL);
    }

    /** Takes a demand off the market with a public reason; OTHER needs the owner's comment, which stays private. */
    public DemandView close(Caller caller, UUID id, String ifMatch, CloseRequest closing) {
        String comment = closing.comment() == null || closing.comment().isBlank() ? null : closing.comment().strip();
        if (closing.reason() == CloseReason.OTHER && comment == null) {
            throw ProblemException.validation("comment", "is required when the reason is OTHER");
        }
        return listings.change(DEMANDS, caller, id, ifMatch, Transition.<Demand, DemandStatus>to(DemandStatus.CLOSED,
                "close", EventTypes.DEMAND_CLOSED).also(d -> {
                    d.closeReason = closing.reason();
                    d.closeComment = comment;
                }));
    }

    public Page<DemandView> list(Caller caller, DemandFilter filter, PageRequest page) {
        String region = filter.regionPrefix();
        Where where = new Where()
                .andIf(filter.owner(), "ownerOrgId = :owner", "owner")
                .andIf(filter.status(), "status = :status", "status")
                .andIf(filter.field(), "technicalField = :field", "field")
                .andIf(region == null ? null : region + "%", "region like :region", "region")
                .andIf(filter.deadlineFrom(), "deadline >= :deadlineFrom", "deadlineFrom")
                .andIf(filter.deadlineTo(), "deadline <= :deadlineTo", "deadlineTo")
                .andIf(filter.updatedSince(), "updatedAt >= :since", "since");
        return listings.list(DEMANDS, caller, where, page);
    }

    public CreateOutcome<ImportReport> importCsv(Caller caller, String csv, boolean open, String idempotencyKey) {
        return listings.importCsv(DEMANDS, DemandCsv.SCHEMA, caller, csv, open, idempotencyKey);
    }

    /** The import header and one example row whose deadline is half a year ahead. */
    public String importTemplate() {
        return DemandCsv.template(LocalDate.now(platform.zone()).plusMonths(6));
    }

    @Override
    public int expireDue(LocalDate today, int limit) {
        return listings.expireDue(DEMANDS, today, limit);
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
            listings.moveIfAllowed(DEMANDS, match.demandId(), FULFIL);
        } else if (MatchLinks.INTRODUCED_OR_LATER.contains(match.status())) {
            listings.moveIfAllowed(DEMANDS, match.demandId(), NEGOTIATE_BY_MATCH);
        } else if (match.status() == MatchStatus.DECLINED || match.status() == MatchStatus.EXPIRED) {
            reopenIfNoNegotiationLeft(match.demandId());
        }
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
        listings.moveIfAllowed(DEMANDS, demandId, REOPEN);
    }
}
