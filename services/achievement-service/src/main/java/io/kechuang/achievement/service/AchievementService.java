package io.kechuang.achievement.service;

import io.kechuang.achievement.Achievement;
import io.kechuang.achievement.csv.AchievementCsv;
import io.kechuang.achievement.mapping.AchievementMapper;
import io.kechuang.achievement.rest.AchievementRequest;
import io.kechuang.achievement.rest.AchievementView;
import io.kechuang.listing.csv.ImportReport;
import io.kechuang.common.idempotency.CreateOutcome;
import io.kechuang.listing.lifecycle.AllowedActions;
import io.kechuang.listing.Disclosure;
import io.kechuang.listing.ExpiringListings;
import io.kechuang.listing.ListingType;
import io.kechuang.listing.ListingType.Lifecycle;
import io.kechuang.listing.ListingType.Mapping;
import io.kechuang.listing.Listings;
import io.kechuang.listing.Transition;
import io.kechuang.listing.match.AssignedBrokerReads;
import io.kechuang.listing.match.BrokerRead;
import io.kechuang.listing.match.MatchReaction;
import io.kechuang.listing.match.MatchSide;
import io.kechuang.common.paging.Page;
import io.kechuang.common.paging.PageRequest;
import io.kechuang.common.paging.Where;
import io.kechuang.common.security.Caller;
import io.kechuang.common.security.Roles;
import io.kechuang.events.EventTypes;
import io.kechuang.events.Topics;
import io.kechuang.events.achievement.AchievementStatus;
import io.kechuang.events.match.MatchState;
import io.kechuang.events.match.MatchStatus;
import io.kechuang.events.taxonomy.CooperationMode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Achievements on the shared listing rules ({@link Listings}): what is particular to them is declared here.
 * Universities and institutes publish them; {@code DRAFT → PUBLISHED → WITHDRAWN | TRANSFERRED | EXPIRED}, and a
 * withdrawn or expired listing may be published again.
 * <p>
 * A match contracted with cooperation mode {@code TRANSFER} marks a published achievement transferred ({@link #react});
 * other contracts (a licence, joint development, ...) leave it on the market.
 * <p>
 * The broker assigned to a live match of an achievement reads its contact (never the inventors), and every such read is
 * audited ({@link AssignedBrokerReads}, shared with the demand service).
 */
@ApplicationScoped
public class AchievementService implements ExpiringListings, MatchReaction {

    /** Which operations each status allows; the 409 body lists them. */
    private static final AllowedActions<AchievementStatus> ALLOWED = AllowedActions.of("Achievement", AchievementStatus.class,
            Map.of(AchievementStatus.DRAFT, List.of("update", "publish", "delete"),
                    AchievementStatus.PUBLISHED, List.of("update", "withdraw", "transfer"),
                    AchievementStatus.WITHDRAWN, List.of("update", "publish"),
                    AchievementStatus.EXPIRED, List.of("update", "publish"),
                    AchievementStatus.TRANSFERRED, List.of()));

    private static final Transition<Achievement, AchievementStatus> PUBLISH = Transition
            .<Achievement, AchievementStatus>to(AchievementStatus.PUBLISHED, "publish", EventTypes.ACHIEVEMENT_PUBLISHED)
            .also(a -> {
                a.statusReason = null;
                a.publishedAt = OffsetDateTime.now(ZoneOffset.UTC);
            });

    public static final ListingType<Achievement, AchievementStatus, AchievementRequest, AchievementView> ACHIEVEMENTS =
            ListingType.<Achievement, AchievementStatus, AchievementRequest, AchievementView>of(Achievement.class,
                    Achievement::new, "/api/achievements")
                    .postedBy(caller -> caller.hasRole(Roles.UNIVERSITY) && caller.orgType().publishesAchievements(),
                            "Only users of a university or research institute may publish achievements")
                    .lifecycle(new Lifecycle<>(a -> a.status, (a, status) -> a.status = status, AchievementStatus.DRAFT,
                            Set.of(AchievementStatus.PUBLISHED), ALLOWED))
                    .mapping(new Mapping<>(AchievementMapper::apply, AchievementMapper::toView, AchievementMapper::toState))
                    .events(Topics.ACHIEVEMENTS, EventTypes.ACHIEVEMENT_UPDATED)
                    .resyncs(EventTypes.ACHIEVEMENT_RESYNCED, EventTypes.ACHIEVEMENT_REMOVED)
                    .goesPublic(PUBLISH, PublicationRules::check)
                    .expires("select id from achievement where status = 'PUBLISHED' and expires_on < ?1 "
                            + "order by expires_on, id", Transition.to(AchievementStatus.EXPIRED, "expire",
                                    EventTypes.ACHIEVEMENT_EXPIRED))
                    .build();

    @Inject
    Listings listings;

    @Inject
    AssignedBrokerReads brokerReads;

    /** An achievement as the caller may read it; the assigned broker's reads of the contact are audited. */
    public AchievementView read(Caller caller, UUID id) {
        return brokerReads.asAssignedBroker(ACHIEVEMENTS, caller, id, a -> AchievementMapper.toView(a, Disclosure.CONTACT))
                .orElseGet(() -> listings.get(ACHIEVEMENTS, caller, id));
    }

    /** Who of the assigned brokers read the contact, newest first: for the owning organisation and admins. */
    public Page<BrokerRead> confidentialReads(Caller caller, UUID id, PageRequest page) {
        return brokerReads.trail(ACHIEVEMENTS, caller, id, page);
    }

    public AchievementView publish(Caller caller, UUID id, String ifMatch) {
        return listings.change(ACHIEVEMENTS, caller, id, ifMatch, PUBLISH);
    }

    public AchievementView withdraw(Caller caller, UUID id, String ifMatch, String reason) {
        return listings.change(ACHIEVEMENTS, caller, id, ifMatch, withReason(AchievementStatus.WITHDRAWN, "withdraw",
                EventTypes.ACHIEVEMENT_WITHDRAWN, reason));
    }

    public AchievementView markTransferred(Caller caller, UUID id, String ifMatch, String reason) {
        return listings.change(ACHIEVEMENTS, caller, id, ifMatch, withReason(AchievementStatus.TRANSFERRED, "transfer",
                EventTypes.ACHIEVEMENT_TRANSFERRED, reason));
    }

    public Page<AchievementView> list(Caller caller, AchievementFilter filter, PageRequest page) {
        return listings.list(ACHIEVEMENTS, caller, new Where()
                .andIf(filter.owner(), "ownerOrgId = :owner", "owner")
                .andIf(filter.status(), "status = :status", "status")
                .andIf(filter.field(), "technicalField = :field", "field")
                .andIf(filter.updatedSince(), "updatedAt >= :since", "since"), page);
    }

    public CreateOutcome<ImportReport> importCsv(Caller caller, String csv, boolean publish, String idempotencyKey) {
        return listings.importCsv(ACHIEVEMENTS, AchievementCsv.SCHEMA, caller, csv, publish, idempotencyKey);
    }

    @Override
    public int expireDue(LocalDate today, int limit) {
        return listings.expireDue(ACHIEVEMENTS, today, limit);
    }

    @Override
    public MatchSide side() {
        return MatchSide.ACHIEVEMENT;
    }

    /** A transfer contract: PUBLISHED → TRANSFERRED, with the match named as the reason. */
    @Override
    public void react(MatchState match) {
        if (match.status() == MatchStatus.CONTRACTED && match.contractCooperationMode() == CooperationMode.TRANSFER) {
            listings.moveIfAllowed(ACHIEVEMENTS, match.achievementId(), withReason(AchievementStatus.TRANSFERRED,
                    "transfer", EventTypes.ACHIEVEMENT_TRANSFERRED, "Transfer contract recorded on match " + match.id()));
        }
    }

    private static Transition<Achievement, AchievementStatus> withReason(AchievementStatus target, String action,
            String eventType, String reason) {
        return Transition.<Achievement, AchievementStatus>to(target, action, eventType).also(a -> a.statusReason = reason);
    }
}
