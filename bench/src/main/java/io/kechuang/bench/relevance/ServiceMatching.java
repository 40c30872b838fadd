package io.kechuang.bench.relevance;

import io.kechuang.events.achievement.AchievementStatus;
import io.kechuang.events.demand.DemandStatus;
import io.kechuang.events.taxonomy.TechnicalField;
import io.kechuang.matching.index.Item;
import io.kechuang.matching.index.MatchIndex;
import io.kechuang.matching.scoring.MatchFinder;
import io.kechuang.matching.scoring.ScoringConfig;
import io.kechuang.matching.scoring.Suggestion;
import io.kechuang.matching.scoring.Suggestion.Feature;
import io.kechuang.matching.scoring.Suggestion.FeatureScore;
import io.kechuang.corpus.CslCorpus;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The matching service's real scoring: its {@link MatchIndex} holds the collection's papers as published achievements
 * and the queries as open demands (the service indexes a demand before matching it), and every query is a
 * {@link MatchFinder#findFor} with threshold 0 and top 20, exactly as the service calls it.
 *
 * <p>Attributes are neutral so that text decides: achievements carry their technical field (from the discipline) but
 * no TRL, IPC, cooperation mode, price or region; demands carry none of these either, and no technical field unless
 * {@code demandStatesField} (then the field of the source paper's discipline: information the baselines do not get).
 */
public final class ServiceMatching implements AutoCloseable {

    private static final UUID UNIVERSITY = UUID.fromString("11111111-1111-1111-1111-111111111111");
    private static final UUID ENTERPRISE = UUID.fromString("22222222-2222-2222-2222-222222222222");

    private final MatchIndex index;
    private final MatchFinder finder;
    private final Map<String, Item> demands = new HashMap<>();
    private final boolean demandStatesField;
    private final LocalDate today = LocalDate.now();

    public ServiceMatching(Path folder, Evaluated.Collection collection, boolean demandStatesField) throws IOException {
        this.demandStatesField = demandStatesField;
        Map<String, String> disciplineOf = new HashMap<>();
        index = MatchIndex.open(folder);
        for (Evaluated.Doc d : collection.docs()) {
            disciplineOf.put(d.id(), d.discipline());
            index.upsert(Item.achievement(UUID.fromString(d.id()), UNIVERSITY, AchievementStatus.PUBLISHED)
                    .title(d.title()).text(d.body()).keywords(d.keywords()).field(field(d.discipline())).language("zh")
                    .updatedAt(OffsetDateTime.now()).build());
        }
        for (Evaluated.Query q : collection.queries()) {
            TechnicalField field = demandStatesField ? field(disciplineOf.get(q.sourceId())) : null;
            Item demand = Item.demand(UUID.nameUUIDFromBytes(q.id().getBytes()), ENTERPRISE, DemandStatus.OPEN)
                    .title(q.title()).text(q.text()).keywords(q.keywords()).field(field).language("zh")
                    .updatedAt(OffsetDateTime.now()).build();
            demands.put(q.id(), demand);
            index.upsert(demand);
        }
        index.commit(Map.of());
        index.refresh();
        finder = new MatchFinder(index.searchers(), index.analyzer(), config());
    }

    /** The service's defaults with threshold 0 and the text-relevance cut of {@link #minTextRelevance()}. */
    private static ScoringConfig config() {
        return ScoringConfig.defaults().withThreshold(0.0).withTopK(20).withMinTextRelevance(minTextRelevance());
    }

    /** {@code -Dbench.minTextRelevance}, or the service's default when it is not set. */
    static double minTextRelevance() {
        String minText = System.getProperty("bench.minTextRelevance", "").strip();
        return minText.isEmpty() ? ScoringConfig.defaults().minTextRelevance() : Double.parseDouble(minText);
    }

    private static TechnicalField field(String discipline) {
        return TechnicalField.valueOf(CslCorpus.technicalFieldOf(discipline));
    }

    /** The achievement ids suggested for the query's demand, best first. */
    public List<String> match(Evaluated.Query q) {
        List<Suggestion> found = finder.findFor(demands.get(q.id()), today);
        List<String> out = new ArrayList<>(found.size());
        Map<Feature, Double> soft = null;
        for (Suggestion s : found) {
            out.add(s.achievement().id().toString());
            if (!demandStatesField) {
                // Neutral attributes: every soft feature must score the same for every candidate.
                Map<Feature, Double> now = new HashMap<>();
                for (Map.Entry<Feature, FeatureScore> e : s.breakdown().entrySet()) {
                    if (e.getKey() != Feature.TEXT) {
                        now.put(e.getKey(), e.getValue().value());
                    }
                }
                if (soft == null) {
                    soft = now;
                } else if (!soft.equals(now)) {
                    throw new IllegalStateException("soft features differ between candidates: " + soft + " vs " + now);
                }
            }
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        index.close();
    }
}
