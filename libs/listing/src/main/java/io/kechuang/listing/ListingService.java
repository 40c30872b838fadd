package io.kechuang.listing;

import io.kechuang.common.time.PlatformConfig;
import io.kechuang.common.http.Versions;
import io.kechuang.common.idempotency.CreateOutcome;
import io.kechuang.common.idempotency.Idempotency;
import io.kechuang.common.jobs.Batches;
import io.kechuang.common.outbox.Outbox;
import io.kechuang.common.paging.Page;
import io.kechuang.common.paging.PageRequest;
import io.kechuang.common.paging.Where;
import io.kechuang.common.problem.FieldError;
import io.kechuang.common.problem.ProblemException;
import io.kechuang.common.security.Caller;
import io.kechuang.listing.csv.CsvImport;
import io.kechuang.listing.csv.CsvImporter;
import io.kechuang.listing.csv.CsvSchema;
import io.kechuang.listing.csv.ImportReport;
import io.kechuang.listing.lifecycle.StatusMachine;
import io.kechuang.listing.match.AssignedBrokerReads;
import io.kechuang.listing.match.BrokerRead;
import io.kechuang.listing.match.MatchLinks;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.TypedQuery;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The rules every kind of listing follows, written once; a service's {@code AchievementService} or
 * {@code DemandService} extends this class, declares its transactions ({@code @Transactional} on the class), and
 * fills in what is particular to its kind through the abstract methods: how a request changes the entity
 * ({@link #apply}), what a caller sees of it ({@link #view}), what its events carry ({@link #state}) and what it
 * needs before going public ({@link #readiness}).
 * <ul>
 * <li>Listings in a public status are visible to every signed-in caller, without their confidential parts. Anything
 * else is visible only to the owning organisation and admins; others get 404, never a hint that it exists.</li>
 * <li>An organisation introduced to a listing through a match ({@link MatchLinks}) also sees its contact, on a read
 * and in lists, and may still read the listing once it has left the market. The broker assigned to a live match
 * reads what {@link #forAssignedBroker} discloses, and every such read is audited ({@link AssignedBrokerReads}).</li>
 * <li>Only the owning organisation changes a listing (403 for others who can see it). Replacing needs
 * {@code If-Match} (428 without, 412 if stale); status changes check it when sent.</li>
 * <li>Drafts are private and emit nothing. Entering a public status, and any edit while public, requires the kind's
 * readiness; each such change writes exactly one event carrying the full public state to the outbox, in the same
 * transaction.</li>
 * </ul>
 * Logs name listings by id only: requests carry confidential details and contacts.
 *
 * @param <E> the entity
 * @param <S> its status enum
 * @param <R> the owner's create/replace request
 * @param <V> the API view
 */
public abstract class ListingService<E extends Listing, S extends Enum<S>, R extends ListingRequest, V extends ListingView> {

    private static final Logger LOG = Logger.getLogger(ListingService.class);

    @Inject
    protected EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    Idempotency idempotency;

    @Inject
    CsvImporter importer;

    @Inject
    protected ListingConfig config;

    @Inject
    protected PlatformConfig platform;

    @Inject
    protected MatchLinks matches;

    @Inject
    AssignedBrokerReads brokerReads;

    @Inject
    EventEpoch epoch;

    @Inject
    ListingResync resync;

    private final Class<E> entity;
    private final Supplier<E> factory;
    private final String collectionPath;
    private final StatusMachine<S> statuses;
    private final String resource;

    /**
     * @param entity the JPA entity of this kind
     * @param factory makes an empty entity (the kernel sets its id, owner and draft status)
     * @param collectionPath the API collection, e.g. {@code /api/demands}; a listing's {@code Location} is below it
     * @param statuses the status machine
     */
    protected ListingService(Class<E> entity, Supplier<E> factory, String collectionPath, StatusMachine<S> statuses) {
        this.entity = entity;
        this.factory = factory;
        this.collectionPath = collectionPath;
        this.statuses = statuses;
        this.resource = entity.getSimpleName();
    }

    // What each kind of listing declares.

    /** Passes if the caller may post listings of this kind and change their own; else a 403 saying who may. */
    protected abstract void requirePoster(Caller caller);

    protected abstract S statusOf(E listing);

    protected abstract void setStatus(E listing, S status);

    /** Replaces every owner-editable field of {@code listing} with the request's values. */
    protected abstract void apply(R request, E listing);

    /** The listing as a caller with {@code disclosure} sees it: confidential fields only where it allows them. */
    protected abstract V view(E listing, Disclosure disclosure);

    /** The public state an event carries: never a confidential field. */
    protected abstract Object state(E listing);

    /**
     * What the listing still lacks to be on the market, as of {@code today}: checked whenever it enters a public
     * status or is edited while public. Empty when ready.
     */
    protected abstract List<FieldError> readiness(E listing, LocalDate today);

    /** The owner's move that takes a draft to the market (publish, open); imports that go public make it. */
    protected abstract Transition<E, S> publication();

    protected abstract ListingEvents events();

    protected abstract Expiry<E, S> expiry();

    /** The CSV import format: a row becomes a request. */
    protected abstract CsvSchema<R> csvSchema();

    /** What the broker assigned to a live match of a listing reads beyond the public parts. */
    protected abstract Disclosure forAssignedBroker();

    // The lifecycle every kind shares.

    /** Creates a draft; a retry with the same {@code Idempotency-Key} returns the first response. */
    public CreateOutcome<V> create(Caller caller, R request, String idempotencyKey) {
        requirePoster(caller);
        return idempotency.once(scope("create"), caller, idempotencyKey, request, 201,
                (V view) -> location(view.id()), () -> view(createDraft(caller, request), Disclosure.OWNER));
    }

    /**
     * A listing as the caller may read it: everything as its owner, its contact once introduced, what
     * {@link #forAssignedBroker} allows for the broker assigned to a live match (audited), else the public parts.
     */
    public V read(Caller caller, UUID id) {
        E listing = em.find(entity, id);
        if (listing != null && !listing.disclosesTo(caller)) {
            Optional<UUID> match = brokerReads.assignedMatch(id, caller);
            if (match.isPresent()) {
                brokerReads.record(resource, id, match.get(), caller);
                return view(listing, forAssignedBroker());
            }
        }
        return view(listing, visibleAs(caller, listing, id));
    }

    /** Who of the assigned brokers read the listing, newest first: for the owning organisation and admins. */
    public Page<BrokerRead> confidentialReads(Caller caller, UUID id, PageRequest page) {
        E listing = em.find(entity, id);
        if (listing == null || !listing.disclosesTo(caller)) {
            visibleAs(caller, listing, id); // 404 for whoever may not even see the listing
            throw ProblemException.forbidden("Only the owning organisation and admins may read who saw the confidential "
                    + "parts of this " + resource.toLowerCase(Locale.ROOT));
        }
        return brokerReads.trail(id, page);
    }

    /** Replaces the owner-editable fields; a public listing must stay ready and emits the kind's updated event. */
    public V replace(Caller caller, UUID id, String ifMatch, R request) {
        E listing = owned(caller, id);
        Versions.requireMatch(ifMatch, listing.version);
        statuses.require(statusOf(listing), "update");
        apply(request, listing);
        boolean isPublic = statuses.isOnMarket(statusOf(listing));
        if (isPublic) {
            requireReady(listing);
        }
        listing.touch();
        em.flush();
        if (isPublic) {
            emit(listing, events().updated());
        }
        return view(listing, Disclosure.OWNER);
    }

    public void delete(Caller caller, UUID id, String ifMatch) {
        E listing = owned(caller, id);
        Versions.checkMatch(ifMatch, listing.version);
        statuses.require(statusOf(listing), "delete");
        em.remove(listing);
    }

    /** CSV bulk import: valid rows become drafts, or go public straight away when {@code publish} and ready. */
    public CreateOutcome<ImportReport> importCsv(Caller caller, String csv, boolean publish, String idempotencyKey) {
        requirePoster(caller);
        CsvImport<R> rows = new CsvImport<>() {
            @Override
            public String scope() {
                return ListingService.this.scope("import");
            }

            @Override
            public CsvSchema<R> schema() {
                return csvSchema();
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
                E candidate = newDraft();
                apply(request, candidate);
                return readiness(candidate, today());
            }

            @Override
            public UUID create(Caller owner, R request, boolean goPublic) {
                UUID id = createDraft(owner, request).id;
                if (goPublic) {
                    change(owner, id, null, publication());
                }
                return id;
            }
        };
        return importer.run(rows, caller, csv, publish, idempotencyKey);
    }

    /**
     * Expires listings due before {@code today}, at most {@code limit}, claimed with {@code SKIP LOCKED} so that
     * replicas running the job at once never expire a listing twice ({@link ExpiryJob}).
     *
     * @return how many it expired
     */
    public int expireDue(LocalDate today, int limit) {
        Expiry<E, S> expiry = expiry();
        List<UUID> due = Batches.claim(em, expiry.dueIdsSql(), limit, today);
        for (UUID id : due) {
            move(em.find(entity, id), expiry.move());
        }
        return due.size();
    }

    /** Starts the admin's resync of this kind's listings in the background ({@link ListingResync}). */
    public ResyncRun startResync(Caller caller) {
        return resync.start(this, caller);
    }

    public Optional<ResyncRun> resyncRun(UUID id) {
        return resync.find(id);
    }

    /** This service's resyncs, newest first. */
    public Page<ResyncRun> resyncRuns(PageRequest page) {
        return resync.list(page);
    }

    /** Where a listing of this kind is in the API: its {@code Location}. */
    public String location(UUID id) {
        return collectionPath + "/" + id;
    }

    // For the kinds' own operations.

    /** An owner's status change, if the current status allows it; entering the market requires readiness. */
    protected V change(Caller caller, UUID id, String ifMatch, Transition<E, S> transition) {
        E listing = owned(caller, id);
        Versions.checkMatch(ifMatch, listing.version);
        S current = statusOf(listing);
        statuses.require(current, transition.action());
        if (statuses.entersMarket(current, transition.target())) {
            requireReady(listing);
        }
        return view(move(listing, transition), Disclosure.OWNER);
    }

    /**
     * One page of the listings the caller may see that match {@code filters} (JPQL over the entity), newest change
     * first. Confidential parts appear only on the caller's own listings (all of them for admins); the contact also on
     * listings the caller's organisation was introduced to.
     */
    protected Page<V> list(Caller caller, Where filters, PageRequest page) {
        if (!caller.isAdmin()) {
            filters.and("(status in :publicStatuses or ownerOrgId = :caller)",
                    Map.of("publicStatuses", statuses.onMarket(), "caller", caller.orgId()));
        }
        String from = " from " + em.getMetamodel().entity(entity).getName() + " where " + filters.query();
        TypedQuery<E> rows = em.createQuery(from + " order by updatedAt desc, id", entity)
                .setFirstResult(page.offset()).setMaxResults(page.size);
        TypedQuery<Long> count = em.createQuery("select count(*)" + from, Long.class);
        filters.parameters().forEach((name, value) -> {
            rows.setParameter(name, value);
            count.setParameter(name, value);
        });
        List<E> found = rows.getResultList();
        Set<UUID> introduced = caller.isAdmin() ? Set.of() : matches.introducedAmong(
                found.stream().filter(e -> !e.disclosesTo(caller)).map(e -> e.id).toList(), caller.orgId());
        List<V> items = found.stream().map(e -> view(e, e.disclosesTo(caller) ? Disclosure.OWNER
                : introduced.contains(e.id) ? Disclosure.CONTACT : Disclosure.PUBLIC)).toList();
        return Page.of(items, page, count.getSingleResult());
    }

    /**
     * A move the platform makes by itself, such as a reaction to a match event: made, with its event, only if the
     * listing's current status allows {@code transition}'s action; otherwise nothing happens. The listing is locked
     * for the rest of the transaction, so an owner's change or the expiry job cannot interleave.
     *
     * @return whether the listing moved; false for an unknown listing or one whose status does not allow the move
     */
    protected boolean moveIfAllowed(UUID id, Transition<E, S> transition) {
        E listing = em.find(entity, id, LockModeType.PESSIMISTIC_WRITE);
        if (listing == null || !statuses.allows(statusOf(listing), transition.action())) {
            return false;
        }
        move(listing, transition);
        return true;
    }

    /** Today in the platform's time zone: the day deadlines and expiry dates are judged by. */
    protected LocalDate today() {
        return LocalDate.now(platform.zone());
    }

    // What the resync needs (same package).

    Class<E> entity() {
        return entity;
    }

    String resource() {
        return resource;
    }

    boolean isDraft(E listing) {
        return statusOf(listing) == statuses.draft();
    }

    // The kernel.

    /** An {@code Idempotency-Key} scope of this kind, e.g. {@code demand.create}. */
    private String scope(String operation) {
        return resource.toLowerCase(Locale.ROOT) + "." + operation;
    }

    private E newDraft() {
        E listing = factory.get();
        setStatus(listing, statuses.draft());
        return listing;
    }

    private E createDraft(Caller caller, R request) {
        requirePoster(caller);
        E listing = newDraft();
        listing.claimFor(caller);
        apply(request, listing);
        em.persist(listing);
        em.flush();
        return listing;
    }

    private E move(E listing, Transition<E, S> transition) {
        LOG.debugf("%s %s of %s: %s -> %s", resource, listing.id, listing.ownerOrgId, statusOf(listing),
                transition.target());
        setStatus(listing, transition.target());
        transition.alsoChange().accept(listing);
        listing.touch();
        em.flush();
        emit(listing, transition.eventType());
        return listing;
    }

    private void emit(E listing, String eventType) {
        outbox.append(events().topic(), eventType, listing.id.toString(), epoch.revisionOf(listing.version),
                state(listing));
    }

    /**
     * What the caller may see of a listing (null: unknown): everything as its owner, its contact once introduced, else
     * the public parts; 404 for a listing off the market that the caller may not see at all.
     */
    private Disclosure visibleAs(Caller caller, E listing, UUID id) {
        Disclosure disclosure = listing == null ? Disclosure.PUBLIC : listing.disclosesTo(caller) ? Disclosure.OWNER
                : matches.introduced(listing.id, caller.orgId()) ? Disclosure.CONTACT : Disclosure.PUBLIC;
        if (listing == null || disclosure == Disclosure.PUBLIC && !statuses.isOnMarket(statusOf(listing))) {
            throw ProblemException.notFound(resource, id);
        }
        return disclosure;
    }

    private E visible(Caller caller, UUID id) {
        E listing = em.find(entity, id);
        if (listing == null || !(statuses.isOnMarket(statusOf(listing)) || listing.disclosesTo(caller))) {
            throw ProblemException.notFound(resource, id);
        }
        return listing;
    }

    /** The listing, if the caller's organisation owns it; 404 if the caller may not even see it, else 403. */
    private E owned(Caller caller, UUID id) {
        requirePoster(caller);
        E listing = visible(caller, id);
        if (!caller.belongsTo(listing.ownerOrgId)) {
            throw ProblemException.forbidden("Only the owning organisation may change this " + resource.toLowerCase());
        }
        return listing;
    }

    private void requireReady(E listing) {
        List<FieldError> errors = readiness(listing, today());
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
    }
}
