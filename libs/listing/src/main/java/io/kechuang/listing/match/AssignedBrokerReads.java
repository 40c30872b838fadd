package io.kechuang.listing.match;

import io.kechuang.common.paging.Page;
import io.kechuang.common.paging.PageRequest;
import io.kechuang.common.security.Caller;
import io.kechuang.common.security.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.query.NativeQuery;
import org.hibernate.query.TypedParameterValue;
import org.hibernate.type.StandardBasicTypes;
import org.jboss.logging.Logger;

/**
 * The broker assigned to a match of a listing may read what the listing keeps from the public (a demand's confidential
 * details and contact, an achievement's contact) once the owner granted it (package {@code consent}), and every such
 * read is audited in the transaction that serves it. {@code ListingService#read} decides what is shown; this class
 * knows who is assigned and keeps the audit trail.
 * <ul>
 * <li>The broker is the one the latest match event names ({@link MatchLinks#assignedTo}: token subject, and
 * organisation where the event has one), while that match is neither declined nor expired; a reassignment lapses
 * what the owner granted. Other brokers, and the assigned broker in lists, get what everyone gets.</li>
 * <li>Each read is a row of {@code broker_read} ({@code listing_id}, {@code match_id}, {@code reader_subject},
 * {@code reader_org_id}, {@code read_at}). Each listing service creates that table in its own migrations (their
 * histories differ, see the package overview); it is never updated or deleted here.</li>
 * <li>The owning organisation and admins read the trail back ({@link #trail}).</li>
 * </ul>
 * Logs name the broker, the listing and the match, never what was read.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class AssignedBrokerReads {

    private static final Logger LOG = Logger.getLogger(AssignedBrokerReads.class);

    @Inject
    MatchLinks matches;

    @Inject
    EntityManager em;

    /**
     * The live match of the listing through which the caller, a broker (not an admin), is assigned to it; empty for
     * everyone else, who are then served the ordinary way.
     */
    public Optional<UUID> assignedMatch(UUID listingId, Caller caller) {
        if (!caller.hasRole(Roles.BROKER) || caller.isAdmin()) {
            return Optional.empty();
        }
        return matches.assignedTo(listingId, caller);
    }

    /** Audits one read of the listing's confidential parts by the broker granted them through {@code matchId}. */
    public void record(String resource, UUID listingId, UUID matchId, Caller caller) {
        em.createNativeQuery("insert into broker_read (listing_id, match_id, reader_subject, reader_org_id, read_at) "
                        + "values (?1, ?2, ?3, ?4, ?5)")
                .setParameter(1, listingId)
                .setParameter(2, matchId)
                .setParameter(3, caller.subject())
                .setParameter(4, new TypedParameterValue<>(StandardBasicTypes.UUID, caller.orgId()))
                .setParameter(5, OffsetDateTime.now(ZoneOffset.UTC))
                .executeUpdate();
        LOG.infof("Broker %s read the confidential parts of %s %s through match %s", caller.subject(),
                resource.toLowerCase(Locale.ROOT), listingId, matchId);
    }

    /** Who of the assigned brokers read the listing, newest first; the caller has checked who may ask. */
    public Page<BrokerRead> trail(UUID id, PageRequest page) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select match_id, reader_subject, reader_org_id, read_at "
                        + "from broker_read where listing_id = ?1 order by read_at desc, id desc")
                .setParameter(1, id)
                .unwrap(NativeQuery.class)
                .addScalar("match_id", StandardBasicTypes.UUID)
                .addScalar("reader_subject", StandardBasicTypes.STRING)
                .addScalar("reader_org_id", StandardBasicTypes.UUID)
                .addScalar("read_at", StandardBasicTypes.OFFSET_DATE_TIME)
                .setFirstResult(page.offset())
                .setMaxResults(page.size)
                .getResultList();
        long total = ((Number) em.createNativeQuery("select count(*) from broker_read where listing_id = ?1")
                .setParameter(1, id).getSingleResult()).longValue();
        return Page.of(rows.stream().map(r -> new BrokerRead((UUID) r[0], (String) r[1], (UUID) r[2],
                ((OffsetDateTime) r[3]).withOffsetSameInstant(ZoneOffset.UTC))).toList(), page, total);
    }
}
