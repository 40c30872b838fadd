package io.kechuang.listing.consent;

import io.kechuang.common.outbox.Outbox;
import io.kechuang.common.paging.Page;
import io.kechuang.common.paging.PageRequest;
import io.kechuang.common.paging.Where;
import io.kechuang.common.problem.ProblemException;
import io.kechuang.common.security.Caller;
import io.kechuang.events.EventTypes;
import io.kechuang.events.access.AccessScope;
import io.kechuang.events.access.AccessStatus;
import io.kechuang.listing.lifecycle.AllowedActions;
import io.kechuang.listing.match.MatchAssignment;
import io.kechuang.listing.match.MatchLinks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Brokers' requests to read what a listing keeps from the public, and the owner's decisions on them. The kernel
 * ({@code ListingService}) has resolved the listing and checked who the caller is to it; this class keeps the rows,
 * their state machine and their events.
 * <ul>
 * <li>Only the broker assigned to a live match of the listing requests, through that match; a second request while
 * one of the same broker on the same match is pending, or for scopes a live grant already covers, is a 409 naming
 * it.</li>
 * <li>PENDING → GRANTED | REFUSED, GRANTED → REVOKED by the owner; PENDING, GRANTED → LAPSED by the platform as soon
 * as the match names another broker or ends ({@link #onAssignment}): a grant is per listing, per broker and per
 * match assignment.</li>
 * <li>Every change writes its event ({@code kechuang.access.*}, keyed by request id, {@code AccessRequestState}) to
 * the outbox in the same transaction.</li>
 * </ul>
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class AccessRequests {

    private static final Logger LOG = Logger.getLogger(AccessRequests.class);

    /** What the owner may do in each status; the 409 lists it. */
    static final AllowedActions<AccessStatus> ACTIONS = AllowedActions.of("Request for access", AccessStatus.class, Map.of(
            AccessStatus.PENDING, List.of("grant", "refuse"),
            AccessStatus.GRANTED, List.of("revoke"),
            AccessStatus.REFUSED, List.of(),
            AccessStatus.REVOKED, List.of(),
            AccessStatus.LAPSED, List.of()));

    /** Who decides a lapse. */
    static final String SYSTEM = "system";

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    MatchLinks matches;

    /**
     * A new PENDING request of {@code broker} through {@code input.matchId()}.
     *
     * @param offered the scopes this kind of listing offers brokers
     */
    public AccessRequestView request(ConsentSubject listing, Caller broker, AccessRequestInput input,
            Set<AccessScope> offered) {
        if (!offered.containsAll(input.scopes())) {
            throw ProblemException.validation("scopes", "a " + listing.noun() + " offers brokers " + offered
                    + " only");
        }
        if (!matches.lockAssigned(listing.listingId(), input.matchId(), broker)) {
            throw ProblemException.forbidden("Only the broker assigned to this match of the " + listing.noun()
                    + " may request access through it");
        }
        List<AccessRequest> open = em.createQuery("from AccessRequest where matchId = :match and listingId = :listing "
                        + "and brokerSubject = :subject and status in :open", AccessRequest.class)
                .setParameter("match", input.matchId()).setParameter("listing", listing.listingId())
                .setParameter("subject", broker.subject())
                .setParameter("open", EnumSet.of(AccessStatus.PENDING, AccessStatus.GRANTED)).getResultList();
        for (AccessRequest r : open) {
            if (r.status == AccessStatus.PENDING) {
                throw ProblemException.conflict("A request of yours through this match is pending; wait for the "
                        + "owner's decision", Map.of("pendingRequestId", r.id));
            }
        }
        if (open.stream().anyMatch(r -> r.scopes.containsAll(input.scopes()))) {
            throw ProblemException.conflict("Access to " + input.scopes() + " through this match is already granted",
                    Map.of("grantedRequestId", open.stream().filter(r -> r.scopes.containsAll(input.scopes()))
                            .findFirst().orElseThrow().id));
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        AccessRequest r = new AccessRequest();
        r.about(listing);
        r.matchId = input.matchId();
        r.brokerSubject = broker.subject();
        r.brokerOrgId = broker.orgId();
        r.scopes = EnumSet.copyOf(input.scopes());
        r.status = AccessStatus.PENDING;
        r.requestedAt = now;
        r.updatedAt = now;
        r.version = 1;
        em.persist(r);
        emit(r, EventTypes.ACCESS_REQUESTED);
        LOG.infof("Broker %s requested %s of %s %s through match %s", broker.subject(), r.scopes, listing.noun(),
                listing.listingId(), r.matchId);
        return AccessRequestView.of(r);
    }

    /** The owner's (or an admin's) grant, refusal or revocation; a 409 lists what the request's status allows. */
    public AccessRequestView decide(ConsentSubject listing, UUID requestId, Caller owner, AccessDecision decision) {
        AccessRequest r = em.find(AccessRequest.class, requestId, LockModeType.PESSIMISTIC_WRITE);
        if (r == null || !r.listingId.equals(listing.listingId())) {
            throw ProblemException.notFound("Access request", requestId);
        }
        ACTIONS.require(r.status, decision.action);
        r.decide(decision.target, owner.subject(), OffsetDateTime.now(ZoneOffset.UTC));
        emit(r, decision.eventType);
        LOG.infof("%s %s access request %s of broker %s on %s %s", owner.subject(), r.status, r.id, r.brokerSubject,
                listing.noun(), listing.listingId());
        return AccessRequestView.of(r);
    }

    /** One request of the listing, if {@code filter} lets the caller see it. */
    public Optional<AccessRequestView> find(UUID listingId, UUID requestId, Visible filter) {
        AccessRequest r = em.find(AccessRequest.class, requestId);
        return r == null || !r.listingId.equals(listingId) || !filter.sees(r) ? Optional.empty()
                : Optional.of(AccessRequestView.of(r));
    }

    /**
     * The requests {@code filter} selects (of one listing, or of any), newest change first.
     *
     * @param since only requests changed at or after this instant; null for all
     */
    public Page<AccessRequestView> list(UUID listingId, Visible filter, AccessStatus status, OffsetDateTime since,
            PageRequest page) {
        Where where = new Where().andIf(listingId, "listingId = :listing", "listing")
                .andIf(status, "status = :status", "status").andIf(since, "updatedAt >= :since", "since");
        filter.restrict(where);
        return PagedQuery.of(em, AccessRequest.class, where, "updatedAt desc, id", page, AccessRequestView::of);
    }

    /**
     * What {@code broker} was granted on the listing through a live match it is still assigned to: the union of the
     * scopes of its live grants, and the match of the latest (for the audit). Empty without any.
     */
    public Optional<Grant> granted(UUID listingId, Caller broker) {
        List<UUID> assigned = matches.assignedMatches(listingId, broker);
        if (assigned.isEmpty()) {
            return Optional.empty();
        }
        List<AccessRequest> grants = em.createQuery("from AccessRequest where listingId = :listing "
                        + "and brokerSubject = :subject and status = :granted and matchId in :matches "
                        + "order by grantedAt desc", AccessRequest.class)
                .setParameter("listing", listingId).setParameter("subject", broker.subject())
                .setParameter("granted", AccessStatus.GRANTED).setParameter("matches", assigned).getResultList()
                .stream().filter(r -> Objects.equals(r.brokerOrgId, broker.orgId())).toList();
        if (grants.isEmpty()) {
            return Optional.empty();
        }
        Set<AccessScope> scopes = EnumSet.noneOf(AccessScope.class);
        grants.forEach(r -> scopes.addAll(r.scopes));
        return Optional.of(new Grant(grants.get(0).matchId, scopes));
    }

    /**
     * A newer state of a match was recorded: its pending requests and grants lapse unless the match is still live and
     * still names the broker who asked. Runs in the transaction that records the state.
     */
    void onAssignment(@Observes MatchAssignment assignment) {
        List<AccessRequest> open = em.createQuery("from AccessRequest where matchId = :match and status in :open "
                        + "order by requestedAt", AccessRequest.class)
                .setParameter("match", assignment.matchId())
                .setParameter("open", EnumSet.of(AccessStatus.PENDING, AccessStatus.GRANTED))
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        for (AccessRequest r : open) {
            if (!assignment.stillAssigns(r.brokerSubject, r.brokerOrgId)) {
                r.decide(AccessStatus.LAPSED, SYSTEM, now);
                emit(r, EventTypes.ACCESS_LAPSED);
                LOG.infof("Access request %s of broker %s lapsed: match %s %s", r.id, r.brokerSubject,
                        assignment.matchId(), assignment.live() ? "reassigned" : "ended");
            }
        }
    }

    private void emit(AccessRequest r, String type) {
        em.flush();
        outbox.append(ConsentSubject.topic(r.listingKind), type, r.id.toString(), r.version, r.state());
    }

    /** What a broker was granted on a listing, and through which match. */
    public record Grant(UUID matchId, Set<AccessScope> scopes) {
    }

    /** Whose requests a caller sees: everyone's (the owner side of a listing, admins), an organisation's, or a broker's own. */
    public sealed interface Visible {

        boolean sees(AccessRequest r);

        void restrict(Where where);

        static Visible all() {
            return new All();
        }

        static Visible ownedBy(UUID org) {
            return new OwnedBy(org);
        }

        static Visible requestedBy(Caller broker) {
            return new RequestedBy(broker.subject(), broker.orgId());
        }

        record All() implements Visible {
            @Override
            public boolean sees(AccessRequest r) {
                return true;
            }

            @Override
            public void restrict(Where where) {
            }
        }

        record OwnedBy(UUID org) implements Visible {
            @Override
            public boolean sees(AccessRequest r) {
                return r.ownerOrgId.equals(org);
            }

            @Override
            public void restrict(Where where) {
                where.and(org == null ? "1 = 0" : "ownerOrgId = :owner", org == null ? Map.of() : Map.of("owner", org));
            }
        }

        record RequestedBy(String subject, UUID org) implements Visible {
            @Override
            public boolean sees(AccessRequest r) {
                return r.brokerSubject.equals(subject) && Objects.equals(r.brokerOrgId, org);
            }

            @Override
            public void restrict(Where where) {
                where.and("brokerSubject = :broker", Map.of("broker", subject));
                if (org == null) {
                    where.and("brokerOrgId is null", Map.of());
                } else {
                    where.and("brokerOrgId = :brokerOrg", Map.of("brokerOrg", org));
                }
            }
        }
    }
}
