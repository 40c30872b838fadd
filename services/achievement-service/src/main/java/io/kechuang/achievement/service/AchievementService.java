package io.kechuang.achievement.service;

import io.kechuang.achievement.Achievement;
import io.kechuang.achievement.mapping.AchievementMapper;
import io.kechuang.achievement.rest.AchievementRequest;
import io.kechuang.achievement.rest.AchievementView;
import io.kechuang.common.http.Versions;
import io.kechuang.common.idempotency.CreateOutcome;
import io.kechuang.common.idempotency.Idempotency;
import io.kechuang.common.idempotency.StoredResponse;
import io.kechuang.common.outbox.Outbox;
import io.kechuang.common.paging.Page;
import io.kechuang.common.paging.PageRequest;
import io.kechuang.common.problem.FieldError;
import io.kechuang.common.problem.ProblemException;
import io.kechuang.common.security.Caller;
import io.kechuang.common.security.Roles;
import io.kechuang.events.EventTypes;
import io.kechuang.events.Topics;
import io.kechuang.events.achievement.AchievementStatus;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The achievement rules: who may see and change what, the status machine, and the event each change emits.
 * Every state change writes its event to the outbox in the same transaction.
 */
@ApplicationScoped
@Transactional
public class AchievementService {

    static final String CREATE_SCOPE = "achievement.create";
    private static final String RESOURCE = "Achievement";

    /** Which operations each status allows; the 409 body lists them. */
    private static final Map<AchievementStatus, List<String>> ALLOWED = Map.of(
            AchievementStatus.DRAFT, List.of("update", "publish", "delete"),
            AchievementStatus.PUBLISHED, List.of("update", "withdraw", "transfer"),
            AchievementStatus.WITHDRAWN, List.of("update", "publish"),
            AchievementStatus.EXPIRED, List.of("update", "publish"),
            AchievementStatus.TRANSFERRED, List.of());

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    Idempotency idempotency;

    @Inject
    AchievementConfig config;

    public CreateOutcome<AchievementView> create(Caller caller, AchievementRequest request, String idempotencyKey) {
        requirePublisher(caller);
        String idemCaller = caller.orgId() + "/" + caller.subject();
        if (idempotencyKey != null) {
            Optional<StoredResponse> prior = idempotency.claim(CREATE_SCOPE, idemCaller, idempotencyKey, request);
            if (prior.isPresent()) {
                return CreateOutcome.replayed(prior.get());
            }
        }
        AchievementView view = createDraft(caller, request);
        if (idempotencyKey != null) {
            idempotency.complete(CREATE_SCOPE, idemCaller, idempotencyKey, 201, location(view.id()), view);
        }
        return CreateOutcome.fresh(view);
    }

    /** Creates a draft without idempotency bookkeeping; also used row by row by the CSV import. */
    @Transactional(Transactional.TxType.MANDATORY)
    public AchievementView createDraft(Caller caller, AchievementRequest request) {
        requirePublisher(caller);
        Achievement a = new Achievement();
        a.id = UUID.randomUUID();
        a.ownerOrgId = caller.orgId();
        a.createdBy = caller.subject();
        a.status = AchievementStatus.DRAFT;
        a.createdAt = now();
        a.updatedAt = a.createdAt;
        AchievementMapper.apply(request, a);
        a.persist();
        em.flush();
        return AchievementMapper.toView(a, true);
    }

    public AchievementView get(Caller caller, UUID id) {
        Achievement a = findVisible(caller, id);
        return AchievementMapper.toView(a, privileged(caller, a));
    }

    public AchievementView update(Caller caller, UUID id, String ifMatch, AchievementRequest request) {
        Achievement a = findOwned(caller, id);
        Versions.requireMatch(ifMatch, a.version);
        requireAllowed(a, "update");
        AchievementMapper.apply(request, a);
        if (a.status == AchievementStatus.PUBLISHED) {
            requirePublishable(a);
        }
        a.updatedAt = now();
        em.flush();
        if (a.status == AchievementStatus.PUBLISHED) {
            emit(a, EventTypes.ACHIEVEMENT_UPDATED);
        }
        return AchievementMapper.toView(a, true);
    }

    public AchievementView publish(Caller caller, UUID id, String ifMatch) {
        Achievement a = findOwned(caller, id);
        Versions.checkMatch(ifMatch, a.version);
        requireAllowed(a, "publish");
        requirePublishable(a);
        a.status = AchievementStatus.PUBLISHED;
        a.statusReason = null;
        a.publishedAt = now();
        a.updatedAt = a.publishedAt;
        return changed(a, EventTypes.ACHIEVEMENT_PUBLISHED);
    }

    public AchievementView withdraw(Caller caller, UUID id, String ifMatch, String reason) {
        return close(caller, id, ifMatch, reason, "withdraw", AchievementStatus.WITHDRAWN, EventTypes.ACHIEVEMENT_WITHDRAWN);
    }

    public AchievementView markTransferred(Caller caller, UUID id, String ifMatch, String reason) {
        return close(caller, id, ifMatch, reason, "transfer", AchievementStatus.TRANSFERRED,
                EventTypes.ACHIEVEMENT_TRANSFERRED);
    }

    public void deleteDraft(Caller caller, UUID id, String ifMatch) {
        Achievement a = findOwned(caller, id);
        Versions.checkMatch(ifMatch, a.version);
        requireAllowed(a, "delete");
        a.delete();
    }

    public Page<AchievementView> list(Caller caller, AchievementFilter filter, PageRequest page) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (!caller.isAdmin()) {
            where.append(" and (status = :published or ownerOrgId = :me)");
            params.and("published", AchievementStatus.PUBLISHED).and("me", caller.orgId());
        }
        if (filter.owner() != null) {
            where.append(" and ownerOrgId = :owner");
            params.and("owner", filter.owner());
        }
        if (filter.status() != null) {
            where.append(" and status = :status");
            params.and("status", filter.status());
        }
        if (filter.field() != null) {
            where.append(" and technicalField = :field");
            params.and("field", filter.field());
        }
        if (filter.updatedSince() != null) {
            where.append(" and updatedAt >= :since");
            params.and("since", filter.updatedSince());
        }
        PanacheQuery<Achievement> query = Achievement.find(where.toString(),
                Sort.descending("updatedAt").and("id"), params);
        long total = query.count();
        List<AchievementView> items = query.page(page.page, page.size).list().stream()
                .map(a -> AchievementMapper.toView(a, privileged(caller, a))).toList();
        return Page.of(items, page, total);
    }

    /**
     * Expires published listings whose expiry day is before {@code today}, at most {@code limit} in this
     * transaction. {@code SKIP LOCKED} lets several replicas run the job at once without expiring a listing twice.
     *
     * @return how many were expired
     */
    public int expireDue(LocalDate today, int limit) {
        @SuppressWarnings("unchecked")
        List<UUID> due = em.createNativeQuery("select id from achievement where status = 'PUBLISHED' "
                        + "and expires_on < ?1 order by expires_on, id limit ?2 for update skip locked", UUID.class)
                .setParameter(1, today).setParameter(2, limit).getResultList();
        for (UUID id : due) {
            Achievement a = Achievement.findById(id);
            a.status = AchievementStatus.EXPIRED;
            a.updatedAt = now();
            changed(a, EventTypes.ACHIEVEMENT_EXPIRED);
        }
        return due.size();
    }

    private AchievementView close(Caller caller, UUID id, String ifMatch, String reason, String action,
            AchievementStatus target, String eventType) {
        Achievement a = findOwned(caller, id);
        Versions.checkMatch(ifMatch, a.version);
        requireAllowed(a, action);
        a.status = target;
        a.statusReason = reason;
        a.updatedAt = now();
        return changed(a, eventType);
    }

    private AchievementView changed(Achievement a, String eventType) {
        em.flush();
        emit(a, eventType);
        return AchievementMapper.toView(a, true);
    }

    private void emit(Achievement a, String eventType) {
        outbox.append(Topics.ACHIEVEMENTS, eventType, a.id.toString(), a.version, AchievementMapper.toState(a));
    }

    private Achievement findVisible(Caller caller, UUID id) {
        Achievement a = Achievement.findById(id);
        if (a == null || !(a.status == AchievementStatus.PUBLISHED || privileged(caller, a))) {
            throw ProblemException.notFound(RESOURCE, id);
        }
        return a;
    }

    /** The record, if the caller's organisation owns it; 404 if the caller may not even see it, else 403. */
    private Achievement findOwned(Caller caller, UUID id) {
        requirePublisher(caller);
        Achievement a = findVisible(caller, id);
        if (!caller.belongsTo(a.ownerOrgId)) {
            throw ProblemException.forbidden("Only the owning organisation may change this achievement");
        }
        return a;
    }

    private static void requirePublisher(Caller caller) {
        if (!caller.hasRole(Roles.UNIVERSITY) || !caller.orgType().publishesAchievements()) {
            throw ProblemException.forbidden("Only users of a university or research institute may publish achievements");
        }
    }

    private static void requireAllowed(Achievement a, String action) {
        List<String> allowed = ALLOWED.get(a.status);
        if (!allowed.contains(action)) {
            throw ProblemException.illegalTransition(RESOURCE, a.status, action, allowed);
        }
    }

    private void requirePublishable(Achievement a) {
        List<FieldError> errors = PublicationRules.check(a, LocalDate.now(config.zone()));
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
    }

    private static boolean privileged(Caller caller, Achievement a) {
        return caller.isAdmin() || caller.belongsTo(a.ownerOrgId);
    }

    static String location(UUID id) {
        return "/api/achievements/" + id;
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
