package io.kechuang.listing.match;

import io.kechuang.listing.Listing;
import io.kechuang.listing.ListingRequest;
import io.kechuang.listing.ListingType;
import io.kechuang.listing.ListingView;
import io.kechuang.listing.Listings;
import io.kechuang.common.paging.Page;
import io.kechuang.common.paging.PageRequest;
import io.kechuang.common.problem.ProblemException;
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
import java.util.function.Function;
import org.hibernate.query.NativeQuery;
import org.hibernate.query.TypedParameterValue;
import org.hibernate.type.StandardBasicTypes;
import org.jboss.logging.Logger;

/**
 * The broker assigned to a match of a listing reads what the listing keeps from the public (a demand's confidential
 * details and contact, an achievement's contact), and every such read is audited in the transaction that serves it.
 * <ul>
 * <li>The broker is the one the latest match event names ({@link MatchLinks#assignedTo}: token subject, and
 * organisation where the event has one), while that match is neither declined nor expired; a reassignment moves the
 * access. Other brokers, and the assigned broker in lists, get what everyone gets.</li>
 * <li>Each read is a row of {@code broker_read} ({@code listing_id}, {@code match_id}, {@code reader_subject},
 * {@code reader_org_id}, {@code read_at}), which a consuming service creates in its own migrations. It is never
 * updated or deleted here.</li>
 * <li>The owning organisation and admins read the trail back ({@link #trail}); whoever may see the listing but not
 * its confidential parts gets 403, whoever may not even see it 404.</li>
 * </ul>
 * Logs name the broker, the listing and the match, never what was read.
 */
@ApplicationScoped
@Transactional
public class AssignedBrokerReads {

    private static final Logger LOG = Logger.getLogger(AssignedBrokerReads.class);

    @Inject
    MatchLinks matches;

    @Inject
    Listings listings;

    @Inject
    EntityManager em;

    /**
     * The listing as {@code view} shows it to the assigned broker, if the caller is a broker (not an admin, not of the
     * owning organisation) assigned to a live match of it; the read is audited. Empty for everyone else, who are then
     * served the ordinary way.
     */
    public <E extends Listing, V> Optional<V> asAssignedBroker(ListingType<E, ?, ?, ?> type, Caller caller, UUID id,
            Function<E, V> view) {
        if (!caller.hasRole(Roles.BROKER) || caller.isAdmin()) {
            return Optional.empty();
        }
        Optional<UUID> match = matches.assignedTo(id, caller);
        E listing = match.isEmpty() ? null : em.find(type.entity(), id);
        if (listing == null || listing.disclosesTo(caller)) {
            return Optional.empty();
        }
        em.createNativeQuery("insert into broker_read (listing_id, match_id, reader_subject, reader_org_id, read_at) "
                        + "values (?1, ?2, ?3, ?4, ?5)")
                .setParameter(1, id)
                .setParameter(2, match.get())
                .setParameter(3, caller.subject())
                .setParameter(4, new TypedParameterValue<>(StandardBasicTypes.UUID, caller.orgId()))
                .setParameter(5, OffsetDateTime.now(ZoneOffset.UTC))
                .executeUpdate();
        LOG.infof("Broker %s read the confidential parts of %s %s through match %s", caller.subject(),
                type.resource().toLowerCase(Locale.ROOT), id, match.get());
        return Optional.of(view.apply(listing));
    }

    /** Who of the assigned brokers read the listing, newest first: for the owning organisation and admins. */
    public <E extends Listing, S extends Enum<S>, R extends ListingRequest, V extends ListingView> Page<BrokerRead> trail(
            ListingType<E, S, R, V> type, Caller caller, UUID id, PageRequest page) {
        E listing = em.find(type.entity(), id);
        if (listing == null || !listing.disclosesTo(caller)) {
            listings.get(type, caller, id); // 404 for whoever may not even see the listing
            throw ProblemException.forbidden("Only the owning organisation and admins may read who saw the confidential "
                    + "parts of this " + type.resource().toLowerCase(Locale.ROOT));
        }
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
