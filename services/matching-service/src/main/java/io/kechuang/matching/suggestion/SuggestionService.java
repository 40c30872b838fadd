package io.kechuang.matching.suggestion;

import io.kechuang.common.time.PlatformConfig;
import io.kechuang.events.match.MatchStatus;
import io.kechuang.matching.index.Item;
import io.kechuang.matching.match.Actor;
import io.kechuang.matching.match.MatchActivityLog;
import io.kechuang.matching.match.MatchEvents;
import io.kechuang.matching.match.MatchSuggestion;
import io.kechuang.matching.scoring.MatchFinder;
import io.kechuang.matching.scoring.Suggestion;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Turns an indexed item into stored suggestions. A new pair is inserted as SUGGESTED and emits
 * {@code kechuang.match.suggested}; an existing SUGGESTED pair is rescored in place; a pair further along the
 * broker workflow is never touched. When an item leaves the market, its SUGGESTED and SHORTLISTED pairs expire;
 * a resync's removal of an item counts as leaving it.
 */
@ApplicationScoped
public class SuggestionService {

    /** Statuses that take an item off the market for good (IN_NEGOTIATION does not). */
    private static final Set<Item.Status> GONE = EnumSet.of(Item.Status.WITHDRAWN, Item.Status.TRANSFERRED,
            Item.Status.EXPIRED, Item.Status.CLOSED, Item.Status.FULFILLED);
    private static final Set<MatchStatus> EXPIRABLE = Set.of(MatchStatus.SUGGESTED, MatchStatus.SHORTLISTED);

    @Inject
    MatchFinder finder;

    @Inject
    MatchEvents events;

    @Inject
    PlatformConfig platform;

    @Inject
    MeterRegistry metrics;

    @Inject
    MatchActivityLog activity;

    private Counter emitted;
    private Timer latency;

    @jakarta.annotation.PostConstruct
    void meters() {
        emitted = metrics.counter("kechuang.matching.suggestions.emitted");
        latency = metrics.timer("kechuang.matching.match.duration");
    }

    @Transactional
    public void onIndexed(Item item) {
        if (item.active()) {
            latency.record(() -> match(item));
        } else if (GONE.contains(item.status())) {
            expirePairsOf(item.kind(), item.id(), item.status().name());
        }
    }

    /** A resync removed the item: its producer no longer has it on the market, so it leaves it like a withdrawal. */
    @Transactional
    public void onRemoved(Item.Kind kind, UUID id) {
        expirePairsOf(kind, id, "REMOVED");
    }

    private void match(Item item) {
        List<Suggestion> found = finder.findFor(item, LocalDate.now(platform.zone()));
        Set<UUID> seen = new HashSet<>();
        for (Suggestion s : found) {
            seen.add(counterpart(item, s));
            upsert(s);
        }
        // Rescore the item's other live suggestions in place, so their scores reflect the change too.
        Map<String, MatchSuggestion> others = new LinkedHashMap<>();
        for (MatchSuggestion row : suggestedRowsOf(item)) {
            UUID other = item.kind() == Item.Kind.DEMAND ? row.achievementId : row.demandId;
            if (!seen.contains(other)) {
                others.put(other.toString(), row);
            }
        }
        finder.scorePairs(item, others.keySet()).forEach((other, s) -> rescore(others.get(other), s));
    }

    private void upsert(Suggestion s) {
        MatchSuggestion row = MatchSuggestion.findPair(s.demand().id(), s.achievement().id());
        if (row == null) {
            row = new MatchSuggestion();
            row.id = UUID.randomUUID();
            row.demandId = s.demand().id();
            row.achievementId = s.achievement().id();
            row.demandOwnerOrgId = s.demand().ownerOrgId();
            row.achievementOwnerOrgId = s.achievement().ownerOrgId();
            row.status = MatchStatus.SUGGESTED;
            row.createdAt = now();
            row.statusChangedAt = row.createdAt;
            apply(row, s);
            row.persist();
            events.suggested(row);
            emitted.increment();
        } else if (row.status == MatchStatus.SUGGESTED) {
            rescore(row, s);
        }
    }

    private void rescore(MatchSuggestion row, Suggestion s) {
        if (row.status != MatchStatus.SUGGESTED) {
            return;
        }
        apply(row, s);
    }

    private void apply(MatchSuggestion row, Suggestion s) {
        row.demandTitle = truncate(s.demand().title());
        row.achievementTitle = truncate(s.achievement().title());
        row.technicalField = s.demand().field() == null ? null : s.demand().field().name();
        row.region = s.demand().region();
        row.demandDeadline = s.demand().expiresOn();
        row.score = s.score();
        row.confidence = s.confidence();
        row.breakdown = s.breakdown();
        row.explanation = s.explanation();
        row.scoredAt = now();
        row.updatedAt = row.scoredAt;
    }

    /**
     * A side left the market (its status, or {@code REMOVED} by a resync): SUGGESTED and SHORTLISTED pairs expire;
     * pairs already introduced keep their state and are flagged for their broker. CONTRACTED and DECLINED pairs are
     * final and untouched.
     */
    private void expirePairsOf(Item.Kind kind, UUID id, String status) {
        String column = kind == Item.Kind.DEMAND ? "demandId" : "achievementId";
        String why = (kind == Item.Kind.DEMAND ? "demand " : "achievement ") + status;
        List<MatchSuggestion> rows = MatchSuggestion.list(column + " = ?1 and status in ?2", id,
                EnumSet.complementOf(EnumSet.of(MatchStatus.CONTRACTED, MatchStatus.DECLINED,
                        MatchStatus.EXPIRED)));
        for (MatchSuggestion row : rows) {
            if (EXPIRABLE.contains(row.status)) {
                MatchStatus from = row.status;
                row.status = MatchStatus.EXPIRED;
                row.updatedAt = now();
                row.statusChangedAt = row.updatedAt;
                activity.record(row, "EXPIRE", from, row.status, Actor.SYSTEM, why, null);
                events.changed(row);
            } else if (row.flaggedReason == null) {
                row.flaggedReason = why;
                row.updatedAt = now();
                activity.record(row, "FLAG", row.status, row.status, Actor.SYSTEM, why, null);
            }
        }
    }

    private List<MatchSuggestion> suggestedRowsOf(Item item) {
        String column = item.kind() == Item.Kind.DEMAND ? "demandId" : "achievementId";
        return MatchSuggestion.list(column + " = ?1 and status = ?2", item.id(), MatchStatus.SUGGESTED);
    }

    private static UUID counterpart(Item source, Suggestion s) {
        return source.kind() == Item.Kind.DEMAND ? s.achievement().id() : s.demand().id();
    }

    private static String truncate(String s) {
        return s.length() > 200 ? s.substring(0, 200) : s;
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
