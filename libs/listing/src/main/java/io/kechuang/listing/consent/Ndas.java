package io.kechuang.listing.consent;

import io.kechuang.common.outbox.Outbox;
import io.kechuang.common.paging.Page;
import io.kechuang.common.paging.PageRequest;
import io.kechuang.common.paging.Where;
import io.kechuang.common.problem.Problem;
import io.kechuang.common.problem.ProblemException;
import io.kechuang.common.security.Caller;
import io.kechuang.events.EventTypes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The NDA an owner may require on a listing, and who accepted which version of it. The kernel has resolved the
 * listing (locked, for the owner's changes) and checked who the caller is to it; this class keeps the rows and
 * their events.
 * <ul>
 * <li>Each {@link #require} writes a new version of the terms (1, 2, …) and makes it current; {@link #drop} stops
 * requiring one. Events: {@code kechuang.nda.required} / {@code .dropped}, keyed by listing id,
 * {@code NdaTermsState} with the terms' SHA-256, never their text.</li>
 * <li>An acceptance names exactly the current version (409 otherwise, naming it), and is recorded with who, in which
 * capacity, through which match and when ({@code kechuang.nda.accepted}, keyed by acceptance id). A broker accepts
 * for themselves; a user of an introduced organisation accepts for that organisation. A new version needs a new
 * acceptance.</li>
 * </ul>
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class Ndas {

    private static final Logger LOG = Logger.getLogger(Ndas.class);

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    /** The listing's current terms, if it requires an NDA now. */
    public Optional<NdaTerms> current(UUID listingId) {
        NdaRequirement requirement = em.find(NdaRequirement.class, listingId);
        return requirement == null || !requirement.required ? Optional.empty()
                : Optional.of(terms(listingId, requirement.latestVersion));
    }

    /** The NDA as {@code caller} sees it; {@code accepted} tells whether the caller has accepted the current version. */
    public NdaView view(UUID listingId, boolean accepted) {
        NdaRequirement requirement = em.find(NdaRequirement.class, listingId);
        if (requirement == null) {
            return new NdaView(listingId, false, null, null, null, null, false);
        }
        NdaTerms terms = terms(listingId, requirement.latestVersion);
        return new NdaView(listingId, requirement.required, requirement.latestVersion,
                requirement.required ? terms.terms : null, terms.termsSha256, requirement.changedAt,
                requirement.required && accepted);
    }

    /** A new version of the terms, current from now on. */
    public NdaView require(ConsentSubject listing, Caller owner, String text) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        NdaRequirement requirement = em.find(NdaRequirement.class, listing.listingId(), LockModeType.PESSIMISTIC_WRITE);
        boolean first = requirement == null;
        if (first) {
            requirement = new NdaRequirement();
            requirement.listingId = listing.listingId();
            requirement.listingKind = listing.kind();
            requirement.ownerOrgId = listing.ownerOrgId();
        }
        requirement.latestVersion++;
        requirement.required = true;
        requirement.changedAt = now;
        requirement.version++;
        if (first) {
            em.persist(requirement);
        }
        NdaTerms terms = new NdaTerms();
        terms.id = UUID.randomUUID();
        terms.listingId = listing.listingId();
        terms.termsVersion = requirement.latestVersion;
        terms.terms = text.strip();
        terms.termsSha256 = sha256(terms.terms);
        terms.createdBy = owner.subject();
        terms.createdAt = now;
        em.persist(terms);
        emit(listing, requirement, EventTypes.NDA_REQUIRED, terms.termsSha256);
        LOG.infof("%s requires version %d of an NDA on %s %s", owner.subject(), terms.termsVersion, listing.noun(),
                listing.listingId());
        return view(listing.listingId(), false);
    }

    /** Stops requiring an NDA; true if one was required. */
    public boolean drop(ConsentSubject listing, Caller owner) {
        NdaRequirement requirement = em.find(NdaRequirement.class, listing.listingId(), LockModeType.PESSIMISTIC_WRITE);
        if (requirement == null || !requirement.required) {
            return false;
        }
        requirement.required = false;
        requirement.changedAt = OffsetDateTime.now(ZoneOffset.UTC);
        requirement.version++;
        emit(listing, requirement, EventTypes.NDA_DROPPED, terms(listing.listingId(), requirement.latestVersion).termsSha256);
        LOG.infof("%s dropped the NDA on %s %s", owner.subject(), listing.noun(), listing.listingId());
        return true;
    }

    /**
     * Records that {@code caller} accepted version {@code termsVersion} in {@code capacity}; a repeat returns the first
     * acceptance ({@link Accepted#created} false). 409 if no NDA is required or the version is not the current one.
     */
    public Accepted accept(ConsentSubject listing, Caller caller, NdaCapacity capacity, UUID matchId, int termsVersion) {
        NdaRequirement requirement = em.find(NdaRequirement.class, listing.listingId(), LockModeType.PESSIMISTIC_WRITE);
        if (requirement == null || !requirement.required) {
            throw new ProblemException(Problem.of(409, "conflict", "Conflict")
                    .detail("This " + listing.noun() + " requires no NDA").build());
        }
        if (termsVersion != requirement.latestVersion) {
            throw ProblemException.conflict("Version " + termsVersion + " is not the current NDA of this "
                    + listing.noun() + "; read and accept version " + requirement.latestVersion,
                    Map.of("currentVersion", requirement.latestVersion));
        }
        Optional<NdaAcceptance> earlier = acceptance(listing.listingId(), termsVersion, capacity, caller);
        if (earlier.isPresent()) {
            return new Accepted(NdaAcceptanceView.of(earlier.get()), false);
        }
        NdaAcceptance a = new NdaAcceptance();
        a.about(listing);
        a.termsVersion = termsVersion;
        a.acceptedBySubject = caller.subject();
        a.acceptedByOrgId = caller.orgId();
        a.capacity = capacity;
        a.matchId = matchId;
        a.acceptedAt = OffsetDateTime.now(ZoneOffset.UTC);
        em.persist(a);
        em.flush();
        outbox.append(listing.topic(), EventTypes.NDA_ACCEPTED, a.id.toString(), 1, a.state());
        LOG.infof("%s accepted version %d of the NDA on %s %s as %s", caller.subject(), termsVersion, listing.noun(),
                listing.listingId(), capacity);
        return new Accepted(NdaAcceptanceView.of(a), true);
    }

    /** Whether the broker may be shown what a grant covers: no NDA required, or the broker accepted the current one. */
    public boolean clearedForBroker(UUID listingId, Caller broker) {
        return current(listingId).map(t -> acceptance(listingId, t.termsVersion, NdaCapacity.BROKER, broker).isPresent())
                .orElse(true);
    }

    /** Whether {@code caller} accepted the current terms in {@code capacity}: for a counterpart, anyone of its organisation. */
    public boolean acceptedCurrent(UUID listingId, Caller caller, NdaCapacity capacity) {
        return current(listingId).map(t -> capacity == NdaCapacity.BROKER
                ? acceptance(listingId, t.termsVersion, capacity, caller).isPresent()
                : !withheldFromCounterpart(List.of(listingId), caller.orgId()).contains(listingId)).orElse(false);
    }

    /**
     * Of {@code listingIds} (listings {@code org} was introduced to), those whose contact stays hidden from it because
     * they require an NDA that no user of {@code org} has accepted in its current version.
     */
    public Set<UUID> withheldFromCounterpart(Collection<UUID> listingIds, UUID org) {
        if (listingIds.isEmpty()) {
            return Set.of();
        }
        List<UUID> required = em.createQuery("select listingId from NdaRequirement where listingId in :ids and required",
                UUID.class).setParameter("ids", listingIds).getResultList();
        if (required.isEmpty()) {
            return Set.of();
        }
        Set<UUID> withheld = new HashSet<>(required);
        if (org != null) {
            withheld.removeAll(em.createQuery("select a.listingId from NdaAcceptance a, NdaRequirement q "
                            + "where q.listingId = a.listingId and a.termsVersion = q.latestVersion and a.listingId in :ids "
                            + "and a.capacity = :counterpart and a.acceptedByOrgId = :org", UUID.class)
                    .setParameter("ids", required).setParameter("counterpart", NdaCapacity.COUNTERPART)
                    .setParameter("org", org).getResultList());
        }
        return withheld;
    }

    /** Who accepted which version of the listing's terms, newest first. */
    public Page<NdaAcceptanceView> acceptances(UUID listingId, OffsetDateTime since, PageRequest page) {
        Where where = new Where().and("listingId = :listing", Map.of("listing", listingId))
                .andIf(since, "acceptedAt >= :since", "since");
        return PagedQuery.of(em, NdaAcceptance.class, where, "acceptedAt desc, id", page, NdaAcceptanceView::of);
    }

    /** Forgets a listing's NDA, for a draft being deleted (nobody can have accepted it: drafts have no matches). */
    public void forget(UUID listingId) {
        em.createQuery("delete from NdaTerms where listingId = :id").setParameter("id", listingId).executeUpdate();
        em.createQuery("delete from NdaRequirement where listingId = :id").setParameter("id", listingId).executeUpdate();
    }

    private Optional<NdaAcceptance> acceptance(UUID listingId, int version, NdaCapacity capacity, Caller caller) {
        return em.createQuery("from NdaAcceptance where listingId = :listing and termsVersion = :version "
                        + "and capacity = :capacity and acceptedBySubject = :subject", NdaAcceptance.class)
                .setParameter("listing", listingId).setParameter("version", version).setParameter("capacity", capacity)
                .setParameter("subject", caller.subject()).getResultStream()
                .filter(a -> Objects.equals(a.acceptedByOrgId, caller.orgId())).findFirst();
    }

    private NdaTerms terms(UUID listingId, int version) {
        return em.createQuery("from NdaTerms where listingId = :listing and termsVersion = :version", NdaTerms.class)
                .setParameter("listing", listingId).setParameter("version", version).getSingleResult();
    }

    private void emit(ConsentSubject listing, NdaRequirement requirement, String type, String sha256) {
        em.flush();
        outbox.append(listing.topic(), type, listing.listingId().toString(), requirement.version,
                requirement.state(sha256));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** An acceptance, and whether this call recorded it (false: it had been accepted before). */
    public record Accepted(NdaAcceptanceView acceptance, boolean created) {
    }
}
