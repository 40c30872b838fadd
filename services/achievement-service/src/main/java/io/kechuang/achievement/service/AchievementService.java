package io.kechuang.achievement.service;

import io.kechuang.achievement.Achievement;
import io.kechuang.achievement.api.AchievementRequest;
import io.kechuang.achievement.api.AchievementView;
import io.kechuang.achievement.csv.AchievementCsv;
import io.kechuang.achievement.mapping.AchievementMapper;
import io.kechuang.common.paging.Page;
import io.kechuang.common.paging.PageRequest;
import io.kechuang.common.paging.Where;
import io.kechuang.common.problem.FieldError;
import io.kechuang.common.problem.ProblemException;
import io.kechuang.common.security.Caller;
import io.kechuang.common.security.Roles;
import io.kechuang.events.EventTypes;
import io.kechuang.events.Topics;
import io.kechuang.events.achievement.AchievementState;
import io.kechuang.events.access.AccessScope;
import io.kechuang.events.access.ListingKind;
import io.kechuang.events.achievement.AchievementStatus;
import io.kechuang.events.match.MatchState;
import io.kechuang.events.match.MatchStatus;
import io.kechuang.events.taxonomy.CooperationMode;
import io.kechuang.listing.Disclosure;
import io.kechuang.listing.Expiry;
import io.kechuang.listing.ListingEvents;
import io.kechuang.listing.ListingService;
import io.kechuang.listing.Transition;
import io.kechuang.listing.csv.CsvSchema;
import io.kechuang.listing.lifecycle.AllowedActions;
import io.kechuang.listing.lifecycle.StatusMachine;
import io.kechuang.listing.match.MatchReaction;
import io.kechuang.listing.match.MatchSide;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Achievements (科技成果): what is particular to them, on the lifecycle every listing shares ({@link ListingService}).
 * Universities and institutes publish them; {@code DRAFT → PUBLISHED → WITHDRAWN | TRANSFERRED | EXPIRED}, and a
 * withdrawn or expired listing may be published again.
 * <p>
 * A match contracted with cooperation mode {@code TRANSFER} marks a published achievement transferred ({@link #react});
 * other contracts (a licence, joint development, ...) leave it on the market.
 * <p>
 * The broker assigned to a live match of an achievement may request access to its contact (never the inventors); it
 * reads it once the owner granted it (and, if the owner requires one, accepted its NDA), and every such read is
 * audited. Every public method is one transaction.
 */
@ApplicationScoped
@Transactional
public class AchievementService extends ListingService<Achievement, AchievementStatus, AchievementRequest, AchievementView>
        implements MatchReaction {

    /** Which operations each status allows; the 409 body lists them. */
    static final StatusMachine<AchievementStatus> STATUSES = StatusMachine.of(AchievementStatus.DRAFT,
            Set.of(AchievementStatus.PUBLISHED), AllowedActions.of("Achievement", AchievementStatus.class, Map.of(
                    AchievementStatus.DRAFT, List.of("update", "publish", "delete"),
                    AchievementStatus.PUBLISHED, List.of("update", "withdraw", "transfer"),
                    AchievementStatus.WITHDRAWN, List.of("update", "publish"),
                    AchievementStatus.EXPIRED, List.of("update", "publish"),
                    AchievementStatus.TRANSFERRED, List.of())));

    static final Transition<Achievement, AchievementStatus> PUBLISH = Transition
            .<Achievement, AchievementStatus>to(AchievementStatus.PUBLISHED, "publish", EventTypes.ACHIEVEMENT_PUBLISHED)
            .also(a -> {
                a.statusReason = null;
                a.publishedAt = OffsetDateTime.now(ZoneOffset.UTC);
            });

    private static final ListingEvents EVENTS = new ListingEvents(Topics.ACHIEVEMENTS, EventTypes.ACHIEVEMENT_UPDATED,
            EventTypes.ACHIEVEMENT_RESYNCED, EventTypes.ACHIEVEMENT_REMOVED);

    private static final Expiry<Achievement, AchievementStatus> EXPIRY = new Expiry<>(
            "select id from achievement where status = 'PUBLISHED' and expires_on < ?1 order by expires_on, id",
            Transition.to(AchievementStatus.EXPIRED, "expire", EventTypes.ACHIEVEMENT_EXPIRED));

    private static final Set<AccessScope> BROKER_SCOPES = Set.of(AccessScope.CONTACT);

    public AchievementService() {
        super(Achievement.class, Achievement::new, "/api/achievements", STATUSES);
    }

    public AchievementView publish(Caller caller, UUID id, String ifMatch) {
        return change(caller, id, ifMatch, PUBLISH);
    }

    public AchievementView withdraw(Caller caller, UUID id, String ifMatch, String reason) {
        return change(caller, id, ifMatch, withReason(AchievementStatus.WITHDRAWN, "withdraw",
                EventTypes.ACHIEVEMENT_WITHDRAWN, reason));
    }

    public AchievementView markTransferred(Caller caller, UUID id, String ifMatch, String reason) {
        return change(caller, id, ifMatch, withReason(AchievementStatus.TRANSFERRED, "transfer",
                EventTypes.ACHIEVEMENT_TRANSFERRED, reason));
    }

    public Page<AchievementView> list(Caller caller, AchievementFilter filter, PageRequest page) {
        return list(caller, new Where()
                .andIf(filter.owner(), "ownerOrgId = :owner", "owner")
                .andIf(filter.status(), "status = :status", "status")
                .andIf(filter.field(), "technicalField = :field", "field")
                .andIf(filter.updatedSince(), "updatedAt >= :since", "since"), page);
    }

    @Override
    public MatchSide side() {
        return MatchSide.ACHIEVEMENT;
    }

    /** A transfer contract: PUBLISHED → TRANSFERRED, with the match named as the reason. */
    @Override
    public void react(MatchState match) {
        if (match.status() == MatchStatus.CONTRACTED && match.contractCooperationMode() == CooperationMode.TRANSFER) {
            moveIfAllowed(match.achievementId(), withReason(AchievementStatus.TRANSFERRED, "transfer",
                    EventTypes.ACHIEVEMENT_TRANSFERRED, "Transfer contract recorded on match " + match.id()));
        }
    }

    // What an achievement is, for the shared lifecycle.

    @Override
    protected void requirePoster(Caller caller) {
        if (!caller.hasRole(Roles.UNIVERSITY) || !caller.orgType().publishesAchievements()) {
            throw ProblemException.forbidden("Only users of a university or research institute may publish achievements");
        }
    }

    @Override
    protected AchievementStatus statusOf(Achievement achievement) {
        return achievement.status;
    }

    @Override
    protected void setStatus(Achievement achievement, AchievementStatus status) {
        achievement.status = status;
    }

    @Override
    protected void apply(AchievementRequest request, Achievement achievement) {
        AchievementMapper.apply(request, achievement);
    }

    /** The contact from {@code CONTACT} on; the inventors and the status reason only for the owner and admins. */
    @Override
    protected AchievementView view(Achievement achievement, Disclosure disclosure) {
        return AchievementMapper.toView(achievement, disclosure);
    }

    @Override
    protected AchievementState state(Achievement achievement) {
        return AchievementMapper.toState(achievement);
    }

    /**
     * What every listing needs (something to match on, someone to reach), plus enough for an enterprise or broker to
     * judge it. A draft may be incomplete; publishing, or editing a published achievement, may not.
     */
    @Override
    protected List<FieldError> readiness(Achievement a, LocalDate today) {
        return a.readiness("to publish")
                .present(a.summary, "summary", "is required to publish")
                .present(a.ipType, "ipType", "is required to publish")
                .present(a.trl, "trl", "is required to publish")
                .present(a.stage, "stage", "is required to publish")
                .check(a.priceAmount != null || a.priceNegotiable, "askingPrice", "give an asking price or set priceNegotiable")
                .check(a.expiresOn == null || !a.expiresOn.isBefore(today), "expiresOn", "must not be in the past")
                .list();
    }

    @Override
    protected Transition<Achievement, AchievementStatus> publication() {
        return PUBLISH;
    }

    @Override
    protected ListingEvents events() {
        return EVENTS;
    }

    @Override
    protected Expiry<Achievement, AchievementStatus> expiry() {
        return EXPIRY;
    }

    @Override
    protected CsvSchema<AchievementRequest> csvSchema() {
        return AchievementCsv.SCHEMA;
    }

    @Override
    protected ListingKind kind() {
        return ListingKind.ACHIEVEMENT;
    }

    /** The contact, never the inventors or the owner's status reason: once the owner grants it. */
    @Override
    protected Set<AccessScope> brokerScopes() {
        return BROKER_SCOPES;
    }

    private static Transition<Achievement, AchievementStatus> withReason(AchievementStatus target, String action,
            String eventType, String reason) {
        return Transition.<Achievement, AchievementStatus>to(target, action, eventType).also(a -> a.statusReason = reason);
    }
}
