package io.kechuang.listing.match;

import io.kechuang.common.consumer.VersionCheck;
import io.kechuang.common.security.Caller;
import io.kechuang.events.EventEnvelope;
import io.kechuang.events.match.MatchState;
import io.kechuang.events.match.MatchStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import org.hibernate.query.TypedParameterValue;
import org.hibernate.type.StandardBasicTypes;
import org.jboss.logging.Logger;

/**
 * The service's own copy of what it needs to know about the matches of its listings, kept in {@code match_link} from
 * {@code matches.v1}: one row per match with the last applied version, the counterpart organisation, the assigned
 * broker, and when the two sides were introduced.
 * <ul>
 * <li>A match counts as an introduction from {@code INTRODUCED} on ({@link #INTRODUCED_OR_LATER}). The time is kept
 * for good: a match declined afterwards leaves it, because a contact once disclosed cannot be taken back.</li>
 * <li>The broker is the one named by the latest state, and works on the match until it is declined or expired
 * ({@link #ENDED}). Each recorded state fires a {@link MatchAssignment} in the same transaction: consent given to a
 * broker through the match lapses when the match names another broker or ends.</li>
 * </ul>
 */
@ApplicationScoped
public class MatchLinks {

    private static final Logger LOG = Logger.getLogger(MatchLinks.class);

    /** The states in which the two parties have been introduced to each other. */
    public static final Set<MatchStatus> INTRODUCED_OR_LATER = EnumSet.of(MatchStatus.INTRODUCED,
            MatchStatus.MEETING_SCHEDULED, MatchStatus.NEGOTIATING, MatchStatus.CONTRACTED);

    /** The states in which nobody works on a match any more: its assignment gives no access. */
    public static final Set<MatchStatus> ENDED = EnumSet.of(MatchStatus.DECLINED, MatchStatus.EXPIRED);

    @Inject
    EntityManager em;

    @Inject
    Event<MatchAssignment> assignments;

    /**
     * Records a match event and lets the service react to it, in one transaction, if its {@code aggregateVersion} is
     * newer than the one held; a duplicate or an older event changes nothing.
     *
     * @return whether the event was applied
     */
    @Transactional
    public boolean apply(EventEnvelope<MatchState> event, MatchReaction reaction) {
        MatchState match = event.data();
        OptionalLong held = heldVersion(match.id());
        if (!VersionCheck.isNewer(event.aggregateVersion(), held)) {
            LOG.debugf("Match %s@%d already applied (held %s)", match.id(), event.aggregateVersion(), held);
            return false;
        }
        MatchSide side = reaction.side();
        OffsetDateTime changedAt = match.updatedAt() != null ? match.updatedAt() : event.time();
        em.createNativeQuery("insert into match_link (match_id, listing_id, counterpart_org_id, status, version, "
                        + "broker_subject, broker_org_id, introduced_at, updated_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
                        + "on conflict (match_id) do update set counterpart_org_id = excluded.counterpart_org_id, "
                        + "status = excluded.status, version = excluded.version, broker_subject = excluded.broker_subject, "
                        + "broker_org_id = excluded.broker_org_id, updated_at = excluded.updated_at, "
                        + "introduced_at = coalesce(match_link.introduced_at, excluded.introduced_at)")
                .setParameter(1, match.id())
                .setParameter(2, side.listing(match))
                .setParameter(3, side.counterpart(match))
                .setParameter(4, match.status().name())
                .setParameter(5, event.aggregateVersion())
                .setParameter(6, new TypedParameterValue<>(StandardBasicTypes.STRING, match.brokerSubject()))
                .setParameter(7, new TypedParameterValue<>(StandardBasicTypes.UUID, match.brokerOrgId()))
                .setParameter(8, new TypedParameterValue<>(StandardBasicTypes.OFFSET_DATE_TIME,
                        INTRODUCED_OR_LATER.contains(match.status()) ? changedAt : null))
                .setParameter(9, changedAt)
                .executeUpdate();
        LOG.debugf("Match %s of %s %s: %s@%d", match.id(), side.name().toLowerCase(), side.listing(match),
                match.status(), event.aggregateVersion());
        assignments.fire(new MatchAssignment(match.id(), side.listing(match), !ENDED.contains(match.status()),
                match.brokerSubject(), match.brokerOrgId()));
        reaction.react(match);
        return true;
    }

    /**
     * Whether a match of the listing is now in one of {@code statuses}, as of the last version applied (with the rows
     * this transaction wrote, and those other transactions committed before this query).
     */
    @Transactional
    public boolean anyIn(UUID listingId, Set<MatchStatus> statuses) {
        return !em.createNativeQuery("select 1 from match_link where listing_id = :listing and status in (:statuses) "
                        + "limit 1")
                .setParameter("listing", listingId)
                .setParameter("statuses", statuses.stream().map(MatchStatus::name).toList())
                .getResultList().isEmpty();
    }

    /** Whether users of organisation {@code org} have been introduced to the listing through one of its matches. */
    @Transactional
    public boolean introduced(UUID listingId, UUID org) {
        return introducedThrough(listingId, org).isPresent();
    }

    /** Of {@code listingIds}, those that users of organisation {@code org} have been introduced to. */
    @Transactional
    public Set<UUID> introducedAmong(Collection<UUID> listingIds, UUID org) {
        if (org == null || listingIds.isEmpty()) {
            return Set.of();
        }
        @SuppressWarnings("unchecked")
        List<UUID> ids = em.createNativeQuery("select distinct listing_id from match_link where listing_id in (:ids) "
                        + "and counterpart_org_id = :org and introduced_at is not null", UUID.class)
                .setParameter("ids", listingIds).setParameter("org", org).getResultList();
        return new HashSet<>(ids);
    }

    /**
     * The match of the listing that {@code broker} is assigned to and still working on (not declined, not expired),
     * if any; the one changed last where there are several. The broker is known by subject and, where the match names
     * one, organisation.
     */
    @Transactional
    public Optional<UUID> assignedTo(UUID listingId, Caller broker) {
        return assignedMatches(listingId, broker).stream().findFirst();
    }

    /** Every live match of the listing that {@code broker} is assigned to, the one changed last first. */
    @Transactional
    public List<UUID> assignedMatches(UUID listingId, Caller broker) {
        @SuppressWarnings("unchecked")
        List<UUID> matches = em.createNativeQuery("select match_id from match_link where listing_id = ?1 "
                        + "and broker_subject = ?2 and (broker_org_id is null or broker_org_id = ?3) "
                        + "and status not in ('DECLINED', 'EXPIRED') order by updated_at desc", UUID.class)
                .setParameter(1, listingId).setParameter(2, broker.subject())
                .setParameter(3, new TypedParameterValue<>(StandardBasicTypes.UUID, broker.orgId()))
                .getResultList();
        return matches;
    }

    /**
     * Whether {@code broker} is assigned to the live match {@code matchId} of the listing. Its row is locked until the
     * transaction ends, so a newer state of the match (which locks it too) is recorded either before, and seen here,
     * or after what this transaction does on the strength of the assignment.
     */
    @Transactional
    public boolean lockAssigned(UUID listingId, UUID matchId, Caller broker) {
        return !em.createNativeQuery("select 1 from match_link where match_id = ?1 and listing_id = ?2 "
                        + "and broker_subject = ?3 and (broker_org_id is null or broker_org_id = ?4) "
                        + "and status not in ('DECLINED', 'EXPIRED') for update")
                .setParameter(1, matchId).setParameter(2, listingId).setParameter(3, broker.subject())
                .setParameter(4, new TypedParameterValue<>(StandardBasicTypes.UUID, broker.orgId()))
                .getResultList().isEmpty();
    }

    /** A match through which users of organisation {@code org} were introduced to the listing, if any. */
    @Transactional
    public Optional<UUID> introducedThrough(UUID listingId, UUID org) {
        if (org == null) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        List<UUID> matches = em.createNativeQuery("select match_id from match_link where listing_id = ?1 "
                        + "and counterpart_org_id = ?2 and introduced_at is not null order by introduced_at limit 1",
                        UUID.class)
                .setParameter(1, listingId).setParameter(2, org).getResultList();
        return matches.stream().findFirst();
    }

    /** The version applied last for a match, locked until the transaction ends; empty for a match not seen yet. */
    private OptionalLong heldVersion(UUID matchId) {
        @SuppressWarnings("unchecked")
        List<Long> versions = em.createNativeQuery("select version from match_link where match_id = ?1 for update",
                Long.class).setParameter(1, matchId).getResultList();
        return versions.isEmpty() ? OptionalLong.empty() : OptionalLong.of(versions.get(0));
    }
}
