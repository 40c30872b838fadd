package io.kechuang.common.listing;

import io.kechuang.common.csv.CsvImport;
import io.kechuang.common.csv.CsvImporter;
import io.kechuang.common.csv.CsvSchema;
import io.kechuang.common.csv.ImportReport;
import io.kechuang.common.http.Versions;
import io.kechuang.common.idempotency.CreateOutcome;
import io.kechuang.common.idempotency.Idempotency;
import io.kechuang.common.jobs.Batches;
import io.kechuang.common.match.MatchLinks;
import io.kechuang.common.outbox.Outbox;
import io.kechuang.common.paging.Page;
import io.kechuang.common.paging.PageRequest;
import io.kechuang.common.paging.Where;
import io.kechuang.common.problem.FieldError;
import io.kechuang.common.problem.ProblemException;
import io.kechuang.common.security.Caller;
import io.kechuang.common.time.PlatformConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The rules every kind of listing follows, in one place: who may see and change what, optimistic concurrency, the
 * status machine, and the one event each change of a public listing writes to the outbox in the same transaction.
 * <ul>
 * <li>Listings in a public status are visible to every signed-in caller, without their confidential parts. Anything
 * else is visible only to the owning organisation and admins; others get 404, never a hint that it exists.</li>
 * <li>An organisation introduced to a listing through a match ({@link MatchLinks}) also sees its contact, on a read
 * and in lists, and may still read the listing once it has left the market. Nothing else is disclosed to it.</li>
 * <li>Only the owning organisation changes a listing (403 for others who can see it). Replacing needs
 * {@code If-Match} (428 without, 412 if stale); status changes check it when sent.</li>
 * <li>Drafts are private and emit nothing. Entering a public status, and any edit while public, requires the kind's
 * readiness rules; each such change emits exactly one event carrying the full public state.</li>
 * </ul>
 * Logs name listings by id only: requests carry confidential details and contacts.
 */
@ApplicationScoped
@Transactional
public class Listings {

    private static final Logger LOG = Logger.getLogger(Listings.class);

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    Idempotency idempotency;

    @Inject
    CsvImporter importer;

    @Inject
    ListingConfig config;

    @Inject
    PlatformConfig platform;

    @Inject
    MatchLinks matches;

    @Inject
    EventEpoch epoch;

    /** Creates a draft; a retry with the same {@code Idempotency-Key} returns the first response. */
    public <E extends Listing, S extends Enum<S>, R extends ListingRequest, V extends ListingView> CreateOutcome<V> create(
            ListingType<E, S, R, V> type, Caller caller, R request, String idempotencyKey) {
        type.requireWriter(caller);
        return idempotency.once(type.scope("create"), caller, idempotencyKey, request, 201,
                (V view) -> type.location(view.id()), () -> type.view(createDraft(type, caller, request), Disclosure.OWNER));
    }

    public <E extends Listing, S extends Enum<S>, R extends ListingRequest, V extends ListingView> V get(
            ListingType<E, S, R, V> type, Caller caller, UUID id) {
        E listing = em.find(type.entity(), id);
        Disclosure disclosure = listing == null ? Disclosure.PUBLIC : disclosure(listing, caller);
        if (listing == null || disclosure == Disclosure.PUBLIC && !type.isPublic(type.status(listing))) {
            throw ProblemException.notFound(type.resource(), id);
        }
        return type.view(listing, disclosure);
    }

    /** Replaces the owner-editable fields; a public listing must stay ready and emits the kind's updated event. */
    public <E extends Listing, S extends Enum<S>, R extends ListingRequest, V extends ListingView> V replace(
            ListingType<E, S, R, V> type, Caller caller, UUID id, String ifMatch, R request) {
        E listing = owned(type, caller, id);
        Versions.requireMatch(ifMatch, listing.version);
        type.actions().require(type.status(listing), "update");
        type.apply(request, listing);
        boolean isPublic = type.isPublic(type.status(listing));
        if (isPublic) {
            requireReady(type, listing);
        }
        listing.touch();
        em.flush();
        if (isPublic) {
            emit(type, listing, type.updatedEvent());
        }
        return type.view(listing, Disclosure.OWNER);
    }

    /** An owner's status change, if the current status allows it; entering the market requires readiness. */
    public <E extends Listing, S extends Enum<S>, R extends ListingRequest, V extends ListingView> V change(
            ListingType<E, S, R, V> type, Caller caller, UUID id, String ifMatch, Transition<E, S> transition) {
        E listing = owned(type, caller, id);
        Versions.checkMatch(ifMatch, listing.version);
        S current = type.status(listing);
        type.actions().require(current, transition.action());
        if (type.isPublic(transition.target()) && !type.isPublic(current)) {
            requireReady(type, listing);
        }
        return type.view(move(type, listing, transition), Disclosure.OWNER);
    }

    public <E extends Listing, S extends Enum<S>, R extends ListingRequest, V extends ListingView> void deleteDraft(
            ListingType<E, S, R, V> type, Caller caller, UUID id, String ifMatch) {
        E listing = owned(type, caller, id);
        Versions.checkMatch(ifMatch, listing.version);
        type.actions().require(type.status(listing), "delete");
        em.remove(listing);
    }

    /**
     * One page of the listings the caller may see that match {@code filters} (JPQL over the entity), newest change
     * first. Confidential parts appear only on the caller's own listings (all of them for admins); the contact also on
     * listings the caller's organisation was introduced to.
     */
    public <E extends Listing, S extends Enum<S>, R extends ListingRequest, V extends ListingView> Page<V> list(
            ListingType<E, S, R, V> type, Caller caller, Where filters, PageRequest page) {
        if (!caller.isAdmin()) {
            filters.and("(status in :publicStatuses or ownerOrgId = :caller)",
                    Map.of("publicStatuses", type.publicStatuses(), "caller", caller.orgId()));
        }
        String from = " from " + em.getMetamodel().entity(type.entity()).getName() + " where " + filters.query();
        TypedQuery<E> rows = em.createQuery(from + " order by updatedAt desc, id", type.entity())
                .setFirstResult(page.offset()).setMaxResults(page.size);
        TypedQuery<Long> count = em.createQuery("select count(*)" + from, Long.class);
        filters.parameters().forEach((name, value) -> {
            rows.setParameter(name, value);
            count.setParameter(name, value);
        });
        List<E> found = rows.getResultList();
        Set<UUID> introduced = caller.isAdmin() ? Set.of() : matches.introducedAmong(
                found.stream().filter(e -> !e.disclosesTo(caller)).map(e -> e.id).toList(), caller.orgId());
        List<V> items = found.stream().map(e -> type.view(e, e.disclosesTo(caller) ? Disclosure.OWNER
                : introduced.contains(e.id) ? Disclosure.CONTACT : Disclosure.PUBLIC)).toList();
        return Page.of(items, page, count.getSingleResult());
    }

    /**
     * Expires listings due before {@code today}, at most {@code limit}, claimed with {@code SKIP LOCKED} so that
     * replicas running the job at once never expire a listing twice.
     */
    public <E extends Listing, S extends Enum<S>, R extends ListingRequest, V extends ListingView> int expireDue(
            ListingType<E, S, R, V> type, LocalDate today, int limit) {
        List<UUID> due = Batches.claim(em, type.dueIdsSql(), limit, today);
        for (UUID id : due) {
            move(type, em.find(type.entity(), id), type.expiry());
        }
        return due.size();
    }

    /**
     * A move the platform makes by itself, such as a reaction to a match event: made, with its event, only if the
     * listing's current status allows {@code transition}'s action; otherwise nothing happens. The listing is locked
     * for the rest of the transaction, so an owner's change or the expiry job cannot interleave.
     *
     * @return whether the listing moved; false for an unknown listing or one whose status does not allow the move
     */
    public <E extends Listing, S extends Enum<S>, R extends ListingRequest, V extends ListingView> boolean moveIfAllowed(
            ListingType<E, S, R, V> type, UUID id, Transition<E, S> transition) {
        E listing = em.find(type.entity(), id, LockModeType.PESSIMISTIC_WRITE);
        if (listing == null || !type.actions().in(type.status(listing)).contains(transition.action())) {
            return false;
        }
        move(type, listing, transition);
        return true;
    }

    /** CSV bulk import: valid rows become drafts, or go public straight away when {@code publish} and ready. */
    public <E extends Listing, S extends Enum<S>, R extends ListingRequest, V extends ListingView>
            CreateOutcome<ImportReport> importCsv(ListingType<E, S, R, V> type, CsvSchema<R> schema, Caller caller,
                    String csv, boolean publish, String idempotencyKey) {
        type.requireWriter(caller);
        CsvImport<R> rows = new CsvImport<>() {
            @Override
            public String scope() {
                return type.scope("import");
            }

            @Override
            public CsvSchema<R> schema() {
                return schema;
            }

            @Override
            public int maxRows() {
                return config.importMaxRows();
            }

            @Override
            public String title(R request) {
                return request.title();
            }

            @Override
            public List<FieldError> publicationErrors(R request) {
                E candidate = type.newDraft();
                type.apply(request, candidate);
                return type.readiness(candidate, today());
            }

            @Override
            public UUID create(Caller owner, R request, boolean goPublic) {
                UUID id = createDraft(type, owner, request).id;
                if (goPublic) {
                    change(type, owner, id, null, type.publication());
                }
                return id;
            }
        };
        return importer.run(rows, caller, csv, publish, idempotencyKey);
    }

    private <E extends Listing, S extends Enum<S>, R extends ListingRequest, V extends ListingView> E createDraft(
            ListingType<E, S, R, V> type, Caller caller, R request) {
        type.requireWriter(caller);
        E listing = type.newDraft();
        listing.claimFor(caller);
        type.apply(request, listing);
        em.persist(listing);
        em.flush();
        return listing;
    }

    private <E extends Listing, S extends Enum<S>, R extends ListingRequest, V extends ListingView> E move(
            ListingType<E, S, R, V> type, E listing, Transition<E, S> transition) {
        LOG.debugf("%s %s of %s: %s -> %s", type.resource(), listing.id, listing.ownerOrgId, type.status(listing),
                transition.target());
        type.status(listing, transition.target());
        transition.alsoChange().accept(listing);
        listing.touch();
        em.flush();
        emit(type, listing, transition.eventType());
        return listing;
    }

    private <E extends Listing> void emit(ListingType<E, ?, ?, ?> type, E listing, String eventType) {
        outbox.append(type.topic(), eventType, listing.id.toString(), epoch.revisionOf(listing.version),
                type.state(listing));
    }

    /** What the caller may see of a listing: everything as its owner, its contact once introduced, else the public parts. */
    private Disclosure disclosure(Listing listing, Caller caller) {
        if (listing.disclosesTo(caller)) {
            return Disclosure.OWNER;
        }
        return matches.introduced(listing.id, caller.orgId()) ? Disclosure.CONTACT : Disclosure.PUBLIC;
    }

    private <E extends Listing, S extends Enum<S>> E visible(ListingType<E, S, ?, ?> type, Caller caller, UUID id) {
        E listing = em.find(type.entity(), id);
        if (listing == null || !(type.isPublic(type.status(listing)) || listing.disclosesTo(caller))) {
            throw ProblemException.notFound(type.resource(), id);
        }
        return listing;
    }

    /** The listing, if the caller's organisation owns it; 404 if the caller may not even see it, else 403. */
    private <E extends Listing, S extends Enum<S>> E owned(ListingType<E, S, ?, ?> type, Caller caller, UUID id) {
        type.requireWriter(caller);
        E listing = visible(type, caller, id);
        if (!caller.belongsTo(listing.ownerOrgId)) {
            throw ProblemException.forbidden("Only the owning organisation may change this " + type.resource().toLowerCase());
        }
        return listing;
    }

    private <E extends Listing, S extends Enum<S>> void requireReady(ListingType<E, S, ?, ?> type, E listing) {
        List<FieldError> errors = type.readiness(listing, today());
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
    }

    private LocalDate today() {
        return LocalDate.now(platform.zone());
    }
}
