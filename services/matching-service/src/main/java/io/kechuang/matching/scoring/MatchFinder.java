package io.kechuang.matching.scoring;

import io.kechuang.matching.crosslingual.Lexicon;
import io.kechuang.matching.crosslingual.Translator;
import io.kechuang.matching.index.Highlights;
import io.kechuang.matching.index.IndexSchema;
import io.kechuang.matching.index.Item;
import io.kechuang.matching.index.ItemDocuments;
import io.kechuang.matching.index.ItemVectors;
import io.kechuang.matching.index.TermAnalysis;
import io.kechuang.matching.index.TermLookup;
import io.kechuang.matching.index.TextFields;
import io.kechuang.matching.scoring.Suggestion.Effect;
import io.kechuang.matching.scoring.Suggestion.Explanation;
import io.kechuang.matching.scoring.Suggestion.Feature;
import io.kechuang.matching.scoring.Suggestion.FeatureScore;
import io.kechuang.matching.scoring.Suggestion.Reason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.KeywordField;
import org.apache.lucene.document.LongField;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.VectorUtil;

/**
 * Finds and scores the counterparts of an item. Plain Java: give it the index's searchers and analyzer.
 * <ol>
 * <li>The source's title, text and keywords are analysed with SmartCN, CJK bigrams and (for English items) the
 * English analyzer; the most informative terms of each (tf·idf, up to {@link ScoringConfig#maxTermsPerAnalysis}:
 * 80, fitted) become SHOULD clauses over the other side's title, text and translated-term fields (items in the other
 * language, see {@code crosslingual.Translator}), weighted as {@link ScoringConfig.QueryShape} says. User text is
 * never parsed as query syntax.</li>
 * <li>Hard filters: the other kind, active (published / open), not past its expiry day or deadline.</li>
 * <li>BM25 retrieves candidates; text relevance is the candidate's BM25 score relative to the source's score
 * against its own query, square-rooted so partial overlaps are not crushed.</li>
 * <li>Soft features (semantic similarity when the index holds vectors, field, IPC, maturity, cooperation, budget,
 * region) re-rank; the weighted sum is the score. The weights were fitted on the hand-judged tune split (hybrid:
 * text 0.82, semantic 0.05, field 0.03, a mismatch being a weak signal; the other five 0.10 together).</li>
 * <li>The top K (above the threshold, 0 by default: no hard cut) are explained: shared terms, highlighted fragments
 * of both texts, reasons, and the score's confidence band ({@link ScoringConfig.Bands}).</li>
 * </ol>
 */
public final class MatchFinder {

    private static final int MAX_MATCHED_TERMS = 12;

    private final SearcherManager searchers;
    private final Analyzer analyzer;
    private final ScoringConfig config;
    private final ItemVectors vectors;

    /** A lexical matcher, or a hybrid one over an index whose items carry vectors (a source's own is read there). */
    public MatchFinder(SearcherManager searchers, Analyzer analyzer, ScoringConfig config) {
        this(searchers, analyzer, config, ItemVectors.NONE);
    }

    /** @param vectors gives a source that is not indexed (yet) its vector */
    public MatchFinder(SearcherManager searchers, Analyzer analyzer, ScoringConfig config, ItemVectors vectors) {
        this.searchers = searchers;
        this.analyzer = analyzer;
        this.config = config;
        this.vectors = vectors;
    }

    public ScoringConfig config() {
        return config;
    }

    /**
     * The best counterparts of {@code source} that reach the threshold (none by default), best first, explained, each
     * with its confidence band. Either direction: a demand gets achievements, an achievement demands, scored alike.
     * With dense vectors in the index (hybrid), the candidates are the BM25 top {@code candidates} and the vector's
     * nearest {@code dense.candidates}, and the semantic similarity joins the features.
     */
    public List<Suggestion> findFor(Item source, LocalDate today) {
        return withSearcher(searcher -> {
            SourceQuery q = buildQuery(source, searcher);
            String sourceId = source.id().toString();
            int sourceDoc = ItemDocuments.docOf(searcher, sourceId);
            float[] sourceVector = sourceVector(searcher, source, sourceDoc);
            if (q.query == null && sourceVector == null) {
                return List.of();
            }
            Query otherSide = new BooleanQuery.Builder()
                    .add(new TermQuery(new Term(IndexSchema.KIND, source.kind().other().name())), Occur.FILTER)
                    .add(new TermQuery(new Term(IndexSchema.ACTIVE, "true")), Occur.FILTER)
                    .add(LongField.newRangeQuery(IndexSchema.EXPIRY_DAY, today.toEpochDay(), Long.MAX_VALUE), Occur.FILTER)
                    .build();
            // Candidates in retrieval order (BM25's, then the vector's own), with their BM25 scores.
            Map<Integer, Double> bm25 = new HashMap<>();
            List<Integer> order = new ArrayList<>();
            double selfScore = 0;
            if (q.query != null) {
                // One search serves both the candidates and the source's own score against its query (the
                // normaliser of text relevance): the filter admits the other side's active items and the source.
                Query admitted = new BooleanQuery.Builder()
                        .add(otherSide, Occur.SHOULD)
                        .add(new TermQuery(new Term(IndexSchema.ID, sourceId)), Occur.SHOULD)
                        .setMinimumNumberShouldMatch(1)
                        .build();
                TopDocs all = searcher.search(new BooleanQuery.Builder().add(q.query, Occur.MUST)
                        .add(admitted, Occur.FILTER).build(), config.candidates() + 1);
                for (ScoreDoc hit : all.scoreDocs) {
                    if (hit.doc == sourceDoc) {
                        selfScore = hit.score;
                    } else if (order.size() < config.candidates()) {
                        bm25.put(hit.doc, (double) hit.score);
                        order.add(hit.doc);
                    }
                }
            }
            if (sourceVector != null && config.dense().candidates() > 0) {
                TopDocs near = searcher.search(new KnnFloatVectorQuery(IndexSchema.VECTOR, sourceVector,
                        config.dense().candidates(), otherSide), config.dense().candidates());
                List<Integer> nearOnly = new ArrayList<>();
                for (ScoreDoc hit : near.scoreDocs) {
                    // Lucene scores a unit-vector dot product as (1 + cos) / 2.
                    if (!bm25.containsKey(hit.doc) && 2.0 * hit.score - 1 >= config.dense().minCosine()) {
                        nearOnly.add(hit.doc);
                    }
                }
                order.addAll(nearOnly);
                if (q.query != null && !nearOnly.isEmpty()) {
                    bm25.putAll(scoresOf(searcher, q.query, nearOnly));
                }
            }
            if (q.query != null && selfScore <= 0) {
                double best = bm25.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
                selfScore = ownScore(searcher, q.query, source);
                if (selfScore <= 0) {
                    selfScore = best > 0 ? best : 1.0;
                }
            }
            int[] docs = order.stream().mapToInt(Integer::intValue).toArray();
            Item[] items = ItemDocuments.load(searcher.getIndexReader(), docs);
            float[][] vectors = sourceVector == null ? new float[docs.length][]
                    : ItemDocuments.vectors(searcher.getIndexReader(), docs);
            ScoringConfig.Ranking ranking = sourceVector == null ? config.lexical() : config.hybrid();
            List<Scored> scored = new ArrayList<>();
            for (int i = 0; i < docs.length; i++) {
                double score = bm25.getOrDefault(docs[i], 0.0);
                double text = selfScore > 0 ? Math.min(1.0, Math.sqrt(score / selfScore)) : 0;
                if (text < config.minTextRelevance()) {
                    continue;
                }
                Scored s = score(source, items[i], text, cosine(sourceVector, vectors[i]), docs[i], ranking);
                if (s.score >= config.threshold()) {
                    scored.add(s);
                }
            }
            scored.sort(Comparator.comparingDouble((Scored s) -> s.score).reversed());
            List<Scored> top = scored.subList(0, Math.min(config.topK(), scored.size()));
            List<Suggestion> out = new ArrayList<>(top.size());
            for (Scored s : top) {
                out.add(explain(q, source, s, ranking));
            }
            return out;
        });
    }

    /**
     * Scores one given pair (used to rescore an existing suggestion), whether or not it would make the top K.
     * Empty if the counterpart is not in the index.
     */
    public Optional<Suggestion> scorePair(Item source, String counterpartId) {
        return Optional.ofNullable(scorePairs(source, List.of(counterpartId)).get(counterpartId));
    }

    /**
     * {@link #scorePair} for several counterparts of one source, analysing the source once: an item that many
     * suggestions name (a popular achievement, each demand's top K holding it) is rescored at every event of it,
     * and a resync sends one such event for every item. Counterparts not in the index are left out.
     */
    public Map<String, Suggestion> scorePairs(Item source, Collection<String> counterpartIds) {
        if (counterpartIds.isEmpty()) {
            return Map.of();
        }
        return withSearcher(searcher -> {
            SourceQuery q = buildQuery(source, searcher);
            float[] sourceVector = sourceVector(searcher, source, ItemDocuments.docOf(searcher, source.id().toString()));
            if (q.query == null && sourceVector == null) {
                return Map.of();
            }
            ScoringConfig.Ranking ranking = sourceVector == null ? config.lexical() : config.hybrid();
            double own = q.query == null ? 0 : ownScore(searcher, q.query, source);
            Map<String, Suggestion> out = new LinkedHashMap<>();
            for (String counterpartId : counterpartIds) {
                int candidateDoc = ItemDocuments.docOf(searcher, counterpartId);
                if (candidateDoc < 0) {
                    continue;
                }
                Item candidate = ItemDocuments.load(searcher.getIndexReader(), candidateDoc);
                double text = 0;
                if (q.query != null) {
                    TopDocs hit = searcher.search(new BooleanQuery.Builder().add(q.query, Occur.MUST)
                            .add(new TermQuery(new Term(IndexSchema.ID, counterpartId)), Occur.FILTER).build(), 1);
                    double score = hit.scoreDocs.length == 0 ? 0 : hit.scoreDocs[0].score;
                    text = Math.min(1.0, Math.sqrt(score / selfScore(own, hit)));
                }
                float[] vector = sourceVector == null ? null
                        : ItemDocuments.vectors(searcher.getIndexReader(), new int[] {candidateDoc})[0];
                out.put(counterpartId, explain(q, source,
                        score(source, candidate, text, cosine(sourceVector, vector), candidateDoc, ranking), ranking));
            }
            return out;
        });
    }

    /**
     * The source's vector: the one indexed with it, else (a source not indexed yet) the one the vectors give it;
     * null in a lexical-only index.
     */
    private float[] sourceVector(IndexSearcher searcher, Item source, int sourceDoc) throws IOException {
        if (sourceDoc >= 0) {
            float[] indexed = ItemDocuments.vectors(searcher.getIndexReader(), new int[] {sourceDoc})[0];
            if (indexed != null) {
                return indexed;
            }
        }
        return vectors.vectorOf(source);
    }

    /** The BM25 scores of {@code docs} against {@code query} (those that match it). */
    private static Map<Integer, Double> scoresOf(IndexSearcher searcher, Query query, List<Integer> docs)
            throws IOException {
        Item[] items = ItemDocuments.load(searcher.getIndexReader(), docs.stream().mapToInt(Integer::intValue).toArray());
        List<BytesRef> ids = new ArrayList<>(items.length);
        for (Item item : items) {
            ids.add(new BytesRef(item.id().toString()));
        }
        TopDocs hits = searcher.search(new BooleanQuery.Builder().add(query, Occur.MUST)
                .add(KeywordField.newSetQuery(IndexSchema.ID, ids), Occur.FILTER).build(), docs.size());
        Map<Integer, Double> out = new HashMap<>();
        for (ScoreDoc hit : hits.scoreDocs) {
            out.put(hit.doc, (double) hit.score);
        }
        return out;
    }

    /** The cosine of two unit vectors; null if either is missing. */
    private static Double cosine(float[] a, float[] b) {
        if (a == null || b == null || a.length != b.length) {
            return null;
        }
        return (double) VectorUtil.dotProduct(a, b);
    }

    // ---- query ------------------------------------------------------------------------------------------------

    /**
     * The query terms chosen from the source, per analysed field family, with the query itself; and an English
     * source's translation, which every Chinese counterpart's term pairs are read from.
     */
    private record SourceQuery(Query query, Map<String, Set<String>> termsByFamily, Set<String> bigrams,
            Set<String> keywords, SharedTerms shared, Translator.Translation englishTranslation) {
    }


    private SourceQuery buildQuery(Item source, IndexSearcher searcher) throws IOException {
        BooleanQuery.Builder builder = new BooleanQuery.Builder();
        ScoringConfig.QueryShape shape = config.query();
        Map<String, Set<String>> chosen = new HashMap<>();
        int clauses = 0;
        // SmartCN is by far the most expensive analysis: one pass serves the zh terms and the explanation.
        SharedTerms shared = new SharedTerms(source, analyzer);
        for (String family : TermAnalysis.FAMILIES) {
            if (family.equals("en") && !source.isEnglish()) {
                continue;
            }
            Map<String, Integer> tf;
            if (family.equals("zh")) {
                tf = shared.smartcnCounts();
            } else {
                tf = new HashMap<>();
                TermAnalysis.count(analyzer, tf, TextFields.headField(family), source.title(), 2, TermAnalysis::isInformative);
                TermAnalysis.count(analyzer, tf, TextFields.statisticsField(family), source.text(), 1, TermAnalysis::isInformative);
                TermAnalysis.count(analyzer, tf, TextFields.headField(family), String.join("；", source.keywords()), 2,
                        TermAnalysis::isInformative);
            }
            Map<String, TermStates> terms = topTerms(tf, TextFields.statisticsField(family), searcher);
            chosen.put(family, terms.keySet());
            double familyWeight = family.equals("zh") ? shape.smartcnWeight() : 1.0;
            if (familyWeight <= 0) {
                continue;
            }
            for (Map.Entry<String, TermStates> e : terms.entrySet()) {
                // Lucene counts every leaf clause against its limit (1,024): a long source stops adding terms there.
                if (clauses + (shape.bm25f() ? 1 : 2) > IndexSearcher.getMaxClauseCount() - source.keywords().size()) {
                    break;
                }
                float boost = (float) (familyWeight * (shape.tfBoost() ? 1.0 + Math.log(tf.get(e.getKey())) : 1.0));
                Query clause = shape.bm25f() || family.equals("zh")
                        ? TextFields.clause(family, e.getKey(), e.getValue(), shape.headWeight())
                        : new BooleanQuery.Builder()
                                .add(new BoostQuery(new TermQuery(new Term(TextFields.headField(family), e.getKey())),
                                        shape.headWeight()), Occur.SHOULD)
                                .add(e.getValue() == null
                                        ? new TermQuery(new Term(TextFields.statisticsField(family), e.getKey()))
                                        : new TermQuery(new Term(TextFields.statisticsField(family), e.getKey()),
                                                e.getValue()), Occur.SHOULD)
                                // The same term in items written in the other language, translated at indexing.
                                .add(new TermQuery(new Term(TextFields.translatedField(family), e.getKey())),
                                        Occur.SHOULD)
                                .build();
                builder.add(new BoostQuery(clause, boost), Occur.SHOULD);
                clauses += shape.bm25f() || family.equals("zh") ? 1 : 2;
            }
        }
        Set<String> keywords = new LinkedHashSet<>();
        for (String keyword : source.keywords()) {
            String k = ItemDocuments.normaliseKeyword(keyword);
            if (!k.isEmpty() && keywords.add(k) && shape.keywordBoost() > 0) {
                builder.add(new BoostQuery(new TermQuery(new Term(IndexSchema.KEYWORD, k)), shape.keywordBoost()),
                        Occur.SHOULD);
                clauses++;
            }
        }
        return new SourceQuery(clauses == 0 ? null : builder.build(), chosen, chosen.getOrDefault("bi", Set.of()),
                keywords, shared, source.isEnglish() ? Translator.get().translate(source) : Translator.Translation.NONE);
    }

    /**
     * The highest tf·idf terms that occur in the index. On a large index, terms in more than a tenth of the documents
     * carry little signal and are skipped (they are also the most expensive to score).
     */
    private Map<String, TermStates> topTerms(Map<String, Integer> tf, String field, IndexSearcher searcher)
            throws IOException {
        int numDocs = Math.max(1, searcher.getIndexReader().numDocs());
        record Weighted(String term, double weight, TermStates states) {
        }
        List<Weighted> weighted = new ArrayList<>(tf.size());
        Map<String, TermStates> states = TermLookup.states(searcher.getIndexReader(), field, tf.keySet());
        // A term may occur only in translations (an English source against Chinese items): those count too.
        Map<String, Integer> translatedDf = new HashMap<>();
        if (!field.equals(IndexSchema.HEAD_ZH)) {
            String family = field.equals(IndexSchema.TEXT_EN) ? "en" : "bi";
            TermLookup.states(searcher.getIndexReader(), TextFields.translatedField(family), tf.keySet())
                    .forEach((term, st) -> translatedDf.put(term, st.docFreq()));
        }
        Map<String, TermStates> all = new LinkedHashMap<>(states);
        for (String term : translatedDf.keySet()) {
            all.putIfAbsent(term, null);
        }
        for (Map.Entry<String, TermStates> e : all.entrySet()) {
            int df = (e.getValue() == null ? 0 : e.getValue().docFreq()) + translatedDf.getOrDefault(e.getKey(), 0);
            if (numDocs >= 1000 && df > numDocs * config.maxDocFreq()) {
                continue;
            }
            double idf = Math.log(1.0 + (numDocs - df + 0.5) / (df + 0.5));
            weighted.add(new Weighted(e.getKey(), (1.0 + Math.log(tf.get(e.getKey()))) * idf, e.getValue()));
        }
        weighted.sort(Comparator.comparingDouble(Weighted::weight).reversed().thenComparing(Weighted::term));
        Map<String, TermStates> out = new LinkedHashMap<>();
        for (int i = 0; i < Math.min(config.maxTermsPerAnalysis(), weighted.size()); i++) {
            out.put(weighted.get(i).term(), weighted.get(i).states());
        }
        return out;
    }

    /** The source's score against its own query, or 0 if it is not indexed or does not match it. */
    private static double ownScore(IndexSearcher searcher, Query query, Item source) throws IOException {
        TopDocs self = searcher.search(new BooleanQuery.Builder().add(query, Occur.MUST)
                .add(new TermQuery(new Term(IndexSchema.ID, source.id().toString())), Occur.FILTER).build(), 1);
        return self.scoreDocs.length > 0 ? self.scoreDocs[0].score : 0;
    }

    /** {@code own} if positive, else the best of {@code fallback}, so that text relevance stays defined. */
    private static double selfScore(double own, TopDocs fallback) {
        if (own > 0) {
            return own;
        }
        return fallback.scoreDocs.length > 0 ? Math.max(fallback.scoreDocs[0].score, 1e-6) : 1.0;
    }

    // ---- scoring ----------------------------------------------------------------------------------------------

    private record Scored(Item demand, Item achievement, Item candidate, int candidateDoc, double score,
            Map<Feature, FeatureScore> breakdown, List<Reason> reasons, double text) {
    }

    /** @param cosine the two vectors' cosine; null when either has none (the semantic feature is then left out) */
    private Scored score(Item source, Item candidate, double text, Double cosine, int candidateDoc,
            ScoringConfig.Ranking ranking) {
        Item demand = source.kind() == Item.Kind.DEMAND ? source : candidate;
        Item achievement = source.kind() == Item.Kind.DEMAND ? candidate : source;
        ScoringConfig.Weights w = ranking.weights();
        Map<Feature, FeatureScore> breakdown = new EnumMap<>(Feature.class);
        List<Reason> reasons = new ArrayList<>();
        double total = add(breakdown, Feature.TEXT, text, w.text());
        if (w.semantic() > 0) {
            total += add(breakdown, reasons, Feature.SEMANTIC,
                    cosine == null ? new Features.Value(0, new Reason(Feature.SEMANTIC, Effect.LOWERED,
                            "无语义向量", "No semantic vector")) : Features.semantic(cosine, config.dense()),
                    w.semantic());
        }
        total += add(breakdown, reasons, Feature.FIELD, Features.field(demand, achievement), w.field());
        total += add(breakdown, reasons, Feature.IPC, Features.ipc(demand, achievement), w.ipc());
        total += add(breakdown, reasons, Feature.MATURITY, Features.maturity(demand, achievement), w.maturity());
        total += add(breakdown, reasons, Feature.COOPERATION, Features.cooperation(demand, achievement), w.cooperation());
        total += add(breakdown, reasons, Feature.BUDGET, Features.budget(demand, achievement), w.budget());
        total += add(breakdown, reasons, Feature.REGION, Features.region(demand, achievement), w.region());
        return new Scored(demand, achievement, candidate, candidateDoc, Math.min(1.0, total), breakdown, reasons, text);
    }

    private static double add(Map<Feature, FeatureScore> breakdown, Feature f, double value, double weight) {
        breakdown.put(f, new FeatureScore(round(value), weight, round(value * weight)));
        return value * weight;
    }

    private static double add(Map<Feature, FeatureScore> breakdown, List<Reason> reasons, Feature f,
            Features.Value value, double weight) {
        reasons.add(value.reason());
        return add(breakdown, f, value.value(), weight);
    }

    // ---- explanation ------------------------------------------------------------------------------------------

    private Suggestion explain(SourceQuery q, Item source, Scored s, ScoringConfig.Ranking ranking) throws IOException {
        // The query bigrams the kept candidate holds, merged into the phrases both texts share; the candidate's
        // fragments mark those whole phrases.
        Set<String> matchedBi = q.query == null ? Set.of() : Highlights.found(analyzer, s.candidate, q.bigrams);
        SharedTerms.Shared shared = q.shared.with(matchedBi, SharedTerms.comparable(s.candidate), MAX_MATCHED_TERMS);
        List<String> shown = shared.phrases();
        List<String> candidateFragments = Highlights.marked(s.candidate, shared.markedPhrases());

        Set<String> sharedKeywords = new LinkedHashSet<>();
        Set<String> candidateKeywords = new HashSet<>();
        s.candidate.keywords().forEach(k -> candidateKeywords.add(ItemDocuments.normaliseKeyword(k)));
        for (String k : q.keywords) {
            if (candidateKeywords.contains(k)) {
                sharedKeywords.add(k);
            }
        }

        List<String> sourceFragments = shared.sourceFragments();
        boolean sourceIsDemand = source.kind() == Item.Kind.DEMAND;
        List<Reason> reasons = new ArrayList<>();
        reasons.add(textReason(s.text, shown, sharedKeywords));
        reasons.addAll(s.reasons);
        Explanation explanation = new Explanation(List.copyOf(shown), List.copyOf(sharedKeywords),
                sourceIsDemand ? sourceFragments : candidateFragments,
                sourceIsDemand ? candidateFragments : sourceFragments, reasons,
                termPairs(q, source, s.candidate));
        return new Suggestion(s.demand, s.achievement, round(s.score), s.breakdown, explanation,
                ranking.bands().of(round(s.score)));
    }

    /** Pairs shown at most per suggestion. */
    private static final int MAX_TERM_PAIRS = 8;

    /**
     * When the source and the candidate are written in different languages: the pairs of the English one's
     * translation (the source's, translated once per run, or the candidate's) whose Chinese term the Chinese one's
     * text holds, English first ("thermal management ↔ 热管理").
     */
    private static List<String> termPairs(SourceQuery q, Item source, Item candidate) {
        if (source.isEnglish() == candidate.isEnglish()) {
            return List.of();
        }
        Translator.Translation english = source.isEnglish() ? q.englishTranslation()
                : Translator.get().translate(candidate);
        String chineseText = Translator.textOf(source.isEnglish() ? candidate : source);
        Set<String> pairs = new LinkedHashSet<>();
        for (Lexicon.Entry e : english.pairs()) {
            if (chineseText.contains(e.chinese()) && pairs.size() < MAX_TERM_PAIRS) {
                pairs.add(e.english() + " ↔ " + e.chinese());
            }
        }
        return List.copyOf(pairs);
    }

    private static Reason textReason(double text, List<String> terms, Set<String> keywords) {
        String list = String.join("、", terms.subList(0, Math.min(6, terms.size())));
        Effect effect = Features.effect(text);
        String score = Double.toString(Math.round(text * 100) / 100.0);
        String zh = "文本相关度" + score + (list.isEmpty() ? "" : "，共同术语：" + list)
                + (keywords.isEmpty() ? "" : "；共同关键词：" + String.join("、", keywords));
        String en = "Text relevance " + score
                + (list.isEmpty() ? "" : "; shared terms: " + String.join(", ", terms.subList(0, Math.min(6, terms.size()))))
                + (keywords.isEmpty() ? "" : "; shared keywords: " + String.join(", ", keywords));
        return new Reason(Feature.TEXT, effect, zh, en);
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }

    // ---- plumbing ---------------------------------------------------------------------------------------------

    @FunctionalInterface
    private interface SearcherWork<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    private <T> T withSearcher(SearcherWork<T> work) {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                return work.apply(searcher);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
