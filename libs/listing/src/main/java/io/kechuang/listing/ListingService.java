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
import io.kechuang.common.problem.Problem;
import io.kechuang.common.problem.ProblemException;
import io.kechuang.common.security.Caller;
import io.kechuang.common.security.Roles;
import io.kechuang.events.access.AccessScope;
import io.kechuang.events.access.AccessStatus;
import io.kechuang.events.access.ListingKind;
import io.kechuang.listing.consent.AccessDecision;
import io.kechuang.listing.consent.AccessRequestInput;
import io.kechuang.listing.consent.AccessRequestView;
import io.kechuang.listing.consent.AccessRequests;
import io.kechuang.listing.consent.AccessRequests.Visible;
import io.kechuang.listing.consent.ConsentSubject;
import io.kechuang.listing.consent.NdaAcceptanceInput;
import io.kechuang.listing.consent.NdaAcceptanceView;
import io.kechuang.listing.consent.NdaCapacity;
import io.kechuang.listing.consent.NdaInput;
import io.kechuang.listing.consent.NdaView;
import io.kechuang.listing.consent.Ndas;
import io.kechuang.listing.csv.CsvImport;
import io.kechuang.listing.csv.CsvImporter;
import io.kechuang.listing.csv.CsvSchema;
import io.kechuang.listing.csv.ImportJob;
import io.kechuang.listing.lifecycle.StatusMachine;
import io.kechuang.listing.match.AssignedBrokerReads;
import io.kechuang.listing.match.BrokerRead;
import io.kechuang.listing.match.MatchLinks;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.TypedQuery;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.HashSet;
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
 * and in lists, once a user of it accepted the current version of any NDA the owner requires ({@link Ndas}), and may
 * still read the listing once it has left the market.</li>
 * <li>Being assigned to a match discloses nothing by itself. The broker assigned to a live match requests access
 * ({@link AccessRequests}); the owning organisation or an admin grants or refuses it, and may revoke a grant; a grant
 * lapses when the match names another broker or ends. The broker then reads what its live grants cover, of what the
 * kind offers brokers ({@link #brokerScopes}), once it accepted any NDA the owner requires; every such read is
 * audited ({@link AssignedBrokerReads}).</li>
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
    AccessRequests access;

    @Inject
    Ndas ndas;

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

    /** Which kind of listing this is, as consent events name it. */
    protected abstract ListingKind kind();

    /**
     * What the owner may grant the broker assigned to a live match of a listing beyond the public parts: the parts a
     * broker may ever read, once granted.
     */
    protected abstract Set<AccessScope> brokerScopes();

    // The lifecycle every kind shares.

    /** Creates a draft; a retry with the same {@code Idempotency-Key} returns the first response. */
    public CreateOutcome<V> create(Caller caller, R request, String idempotencyKey) {
        requirePoster(caller);
        return idempotency.once(scope("create"), caller, idempotencyKey, request, 201,
                (V view) -> location(view.id()), () -> view(createDraft(caller, request), Disclosure.OWNER));
    }

    /**
     * A listing as the caller may read it: everything as its owner, its contact once introduced (and any NDA accepted),
     * for the broker assigned to a live match what its live grants cover (audited), else the public parts.
     */
    public V read(Caller caller, UUID id) {
        E listing = em.find(entity, id);
        if (listing != null && !listing.disclosesTo(caller) && brokerReads.assignedMatch(id, caller).isPresent()) {
            return view(listing, grantedTo(caller, listing));
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

    // Consent to disclose, and NDAs (package consent): who may do what is decided here, the rows are kept there.

    /** The assigned broker asks the owner for access through its match: 403 for anyone else who sees the listing. */
    public AccessRequestView requestAccess(Caller caller, UUID id, AccessRequestInput input) {
        E listing = reachable(caller, id);
        if (listing.disclosesTo(caller) || !caller.hasRole(Roles.BROKER)) {
            throw ProblemException.forbidden("Only the broker assigned to a match of this " + noun()
                    + " requests access to it");
        }
        return access.request(consentSubject(listing), caller, input, brokerScopes());
    }

    /**
     * The access requests of a listing, newest change first: all of them for the owning organisation and admins, their
     * own for a broker; 404 for anyone else.
     */
    public Page<AccessRequestView> accessRequests(Caller caller, UUID id, AccessStatus status, OffsetDateTime since,
            PageRequest page) {
        E listing = reachable(caller, id);
        return access.list(id, requestsVisibleTo(caller, listing), status, since, page);
    }

    /** One access request of a listing, for those who see it in {@link #accessRequests}; else 404. */
    public AccessRequestView accessRequest(Caller caller, UUID id, UUID requestId) {
        E listing = reachable(caller, id);
        return access.find(id, requestId, requestsVisibleTo(caller, listing))
                .orElseThrow(() -> ProblemException.notFound("Access request", requestId));
    }

    /**
     * Across this kind's listings, newest change first: every request for admins, a broker's own for a broker, and
     * those on the caller's organisation's listings for anyone else.
     */
    public Page<AccessRequestView> allAccessRequests(Caller caller, AccessStatus status, OffsetDateTime since,
            PageRequest page) {
        Visible visible = caller.isAdmin() ? Visible.all() : caller.hasRole(Roles.BROKER) ? Visible.requestedBy(caller)
                : Visible.ownedBy(caller.orgId());
        return access.list(null, visible, status, since, page);
    }

    /** The owning organisation's (or an admin's) grant, refusal or revocation: 403 for brokers, 404 for others. */
    public AccessRequestView decideAccess(Caller caller, UUID id, UUID requestId, AccessDecision decision) {
        E listing = reachable(caller, id);
        if (!listing.disclosesTo(caller)) {
            if (caller.hasRole(Roles.BROKER)) {
                throw ProblemException.forbidden("Only the owning organisation and admins decide on access to this "
                        + noun());
            }
            throw ProblemException.notFound("Access request", requestId);
        }
        return access.decide(consentSubject(listing), requestId, caller, decision);
    }

    /** The NDA, for the owning organisation, admins, the assigned broker and introduced organisations. */
    public NdaView nda(Caller caller, UUID id) {
        E listing = reachable(caller, id);
        if (listing.disclosesTo(caller)) {
            return ndas.view(id, false);
        }
        NdaCapacity capacity = ndaCapacity(caller, id).orElseThrow(() -> ProblemException.forbidden(
                "Only the owning organisation, admins, the assigned broker and introduced organisations read the NDA "
                        + "of this " + noun()));
        return ndas.view(id, ndas.acceptedCurrent(id, caller, capacity));
    }

    /** A new version of the NDA terms, required from now on: for the owning organisation and admins. */
    public NdaView requireNda(Caller caller, UUID id, NdaInput input) {
        return ndas.require(consentSubject(ownerSide(caller, id, "require an NDA on")), caller, input.terms());
    }

    /** Stops requiring an NDA (nothing happens if none is required): for the owning organisation and admins. */
    public void dropNda(Caller caller, UUID id) {
        ndas.drop(consentSubject(ownerSide(caller, id, "drop the NDA of")), caller);
    }

    /**
     * The assigned broker (for itself) or a user of an introduced organisation (for it) accepts the current terms;
     * {@code created} is false for a repeat.
     */
    public Ndas.Accepted acceptNda(Caller caller, UUID id, NdaAcceptanceInput input) {
        E listing = reachable(caller, id);
        Optional<UUID> assignment = brokerReads.assignedMatch(id, caller);
        Optional<UUID> through = assignment.isPresent() ? assignment : matches.introducedThrough(id, caller.orgId());
        if (listing.disclosesTo(caller) || through.isEmpty()) {
            throw ProblemException.forbidden("Only the broker assigned to a match of this " + noun() + ", or a user "
                    + "of an organisation introduced to it, accepts its NDA");
        }
        return ndas.accept(consentSubject(listing), caller,
                assignment.isPresent() ? NdaCapacity.BROKER : NdaCapacity.COUNTERPART, through.get(),
                input.termsVersion());
    }

    /** Who accepted which version of the NDA, newest first: for the owning organisation and admins. */
    public Page<NdaAcceptanceView> ndaAcceptances(Caller caller, UUID id, OffsetDateTime since, PageRequest page) {
        return ndas.acceptances(ownerSide(caller, id, "read who accepted the NDA of").id, since, page);
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
        ndas.forget(id);
        em.remove(listing);
    }

    /**
     * CSV bulk import, as a job: the file is checked whole and stored, then imported in the background; valid rows
     * become drafts, or go public straight away when {@code publish} and ready. A retry with the same
     * {@code Idempotency-Key} is a replay naming the same job.
     */
    public CreateOutcome<ImportJob> importCsv(Caller caller, String csv, boolean publish, String idempotencyKey) {
        requirePoster(caller);
        return importer.submit(csvImport(), caller, csv, publish, idempotencyKey);
    }

    /** An import job with one page of its report once done: for its organisation and admins, else 404. */
    public ImportJob importJob(Caller caller, UUID id, PageRequest page) {
        return importer.find(csvImport(), caller, id, page);
    }

    /** The caller's organisation's import jobs (every organisation's for admins), newest first. */
    public Page<ImportJob> importJobs(Caller caller, PageRequest page) {
        return importer.list(csvImport(), caller, page);
    }

    /** An import job's rejected rows as CSV, to fix and import again: for its organisation and admins, else 404. */
    public String rejectedImportRows(Caller caller, UUID id) {
        return importer.rejectedRows(csvImport(), caller, id);
    }

    /** Where an import job of this kind is in the API: its {@code Location}. */
    public String importLocation(UUID job) {
        return collectionPath + "/imports/" + job;
    }

    /** How this kind imports CSV rows; what the {@link ImportWorker} runs a job of this kind with. */
    public CsvImport<R> csvImport() {
        return new CsvImport<>() {
            @Override
            public String scope() {
                return ListingService.this.scope("import");
            }

            @Override
            public String location(UUID job) {
                return importLocation(job);
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
                E listing = createDraft(owner, request);
                if (goPublic) {
                    change(owner, listing.id, null, publication());
                }
                // Flushed (with its event) and done with: each later flush of the batch need not check it again.
                em.detach(listing);
                return listing.id;
            }
        };
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
     * listings the caller's organisation was introduced to, where any NDA they require is accepted.
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
        Set<UUID> introduced = new HashSet<>(caller.isAdmin() ? Set.of() : matches.introducedAmong(
                found.stream().filter(e -> !e.disclosesTo(caller)).map(e -> e.id).toList(), caller.orgId()));
        introduced.removeAll(ndas.withheldFromCounterpart(introduced, caller.orgId()));
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
     * What the caller may see of a listing (null: unknown): everything as its owner, its contact once introduced and
     * any NDA accepted, else the public parts; 404 for a listing off the market that the caller may not see at all
     * (an introduced organisation still may).
     */
    private Disclosure visibleAs(Caller caller, E listing, UUID id) {
        if (listing == null) {
            throw ProblemException.notFound(resource, id);
        }
        if (listing.disclosesTo(caller)) {
            return Disclosure.OWNER;
        }
        boolean introduced = matches.introduced(listing.id, caller.orgId());
        if (!introduced && !statuses.isOnMarket(statusOf(listing))) {
            throw ProblemException.notFound(resource, id);
        }
        return introduced && ndas.withheldFromCounterpart(List.of(listing.id), caller.orgId()).isEmpty()
                ? Disclosure.CONTACT : Disclosure.PUBLIC;
    }

    /**
     * What the broker assigned to a live match of the listing may see: what its live grants cover of
     * {@link #brokerScopes}, once it accepted the current version of any NDA required; each read that discloses
     * anything is audited, through the match of the latest grant.
     */
    private Disclosure grantedTo(Caller broker, E listing) {
        Optional<AccessRequests.Grant> grant = access.granted(listing.id, broker)
                .filter(g -> ndas.clearedForBroker(listing.id, broker));
        if (grant.isEmpty()) {
            return Disclosure.PUBLIC;
        }
        Set<AccessScope> scopes = EnumSet.noneOf(AccessScope.class);
        scopes.addAll(grant.get().scopes());
        scopes.retainAll(brokerScopes());
        Disclosure disclosure = Disclosure.granted(scopes);
        if (disclosure != Disclosure.PUBLIC) {
            brokerReads.record(resource, listing.id, grant.get().matchId(), broker);
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

    /**
     * The listing, if the caller may see it at all: its owning organisation and admins, anyone while it is on the
     * market, an organisation introduced to it and the broker assigned to a live match of it; else 404.
     */
    private E reachable(Caller caller, UUID id) {
        E listing = em.find(entity, id);
        if (listing == null || !(listing.disclosesTo(caller) || statuses.isOnMarket(statusOf(listing))
                || matches.introduced(id, caller.orgId()) || brokerReads.assignedMatch(id, caller).isPresent())) {
            throw ProblemException.notFound(resource, id);
        }
        return listing;
    }

    /** The listing, locked, if the caller is of its owning organisation or an admin; 404 or 403 for others. */
    private E ownerSide(Caller caller, UUID id, String what) {
        E listing = reachable(caller, id);
        if (!listing.disclosesTo(caller)) {
            throw ProblemException.forbidden("Only the owning organisation and admins " + what + " this " + noun());
        }
        em.lock(listing, LockModeType.PESSIMISTIC_WRITE);
        return listing;
    }

    /** Whose access requests of the listing the caller sees: all (owner side), its own (a broker); else 404. */
    private Visible requestsVisibleTo(Caller caller, E listing) {
        if (listing.disclosesTo(caller)) {
            return Visible.all();
        }
        if (caller.hasRole(Roles.BROKER)) {
            return Visible.requestedBy(caller);
        }
        throw new ProblemException(Problem.of(404, "not-found", "Access requests not found")
                .detail("No access requests of " + noun() + " " + listing.id + " are visible to you").build());
    }

    /** In which capacity the caller may accept the listing's NDA: the assigned broker, or an introduced organisation. */
    private Optional<NdaCapacity> ndaCapacity(Caller caller, UUID id) {
        return brokerReads.assignedMatch(id, caller).isPresent() ? Optional.of(NdaCapacity.BROKER)
                : matches.introduced(id, caller.orgId()) ? Optional.of(NdaCapacity.COUNTERPART) : Optional.empty();
    }

    private ConsentSubject consentSubject(E listing) {
        return new ConsentSubject(kind(), listing.id, listing.ownerOrgId);
    }

    private String noun() {
        return resource.toLowerCase(Locale.ROOT);
    }

    private void requireReady(E listing) {
        List<FieldError> errors = readiness(listing, today());
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
    }
}
