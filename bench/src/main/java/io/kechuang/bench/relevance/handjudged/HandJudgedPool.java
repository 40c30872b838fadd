package io.kechuang.bench.relevance.handjudged;

import io.kechuang.bench.pgfts.BenchPostgres;
import io.kechuang.bench.pgfts.PgFullText;
import io.kechuang.bench.relevance.Evaluated;
import io.kechuang.bench.relevance.LuceneBm25;
import io.kechuang.events.achievement.AchievementStatus;
import io.kechuang.events.demand.DemandStatus;
import io.kechuang.events.taxonomy.CooperationMode;
import io.kechuang.events.taxonomy.TechnicalField;
import io.kechuang.matching.index.Item;
import io.kechuang.matching.index.MatchIndex;
import io.kechuang.matching.scoring.MatchFinder;
import io.kechuang.matching.scoring.ScoringConfig;
import io.kechuang.matching.scoring.Suggestion;
import io.kechuang.matching.search.SearchEngine;
import io.kechuang.matching.search.SearchRequest;
import io.kechuang.matching.search.SearchResult;
import io.kechuang.corpus.CslCorpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;

/**
 * Builds the hand-judged set's pools: runs every ranker on every demand of {@code demands.jsonl} against the 2,000
 * CSL papers as published achievements, writes each ranker's top 20 to {@code runs/<ranker>.tsv} (never shown to
 * judges) and, per demand, the union of those top 20s, de-duplicated and shuffled with a fixed seed, without ranker,
 * rank or score, to {@code pool/<demand>.jsonl} (what the judges read).
 *
 * <p>Rankers (see the folder's README.md for what each one is):
 * <ul>
 * <li>{@code service}: the matching service's suggestions path, {@link MatchFinder#findFor} with threshold 0 and no
 * minimum text relevance (its full top 20); the demand as the demand service sends it (title, problem statement and
 * indicators as text, keywords, its own technical field, minimum TRL, cooperation modes, region, language);</li>
 * <li>{@code service-api}: the same with the service's default cut-offs (score ≥ 0.5, text relevance ≥ 0.25), what
 * {@code GET /api/matches/demands/{id}/suggestions} returns today;</li>
 * <li>{@code bm25-cjk}: plain Lucene BM25 over CJK bigrams of the demand's whole text (title, problem, indicators,
 * keywords), no features, no cut-off;</li>
 * <li>{@code bm25-smartcn}: the same with SmartCN words;</li>
 * <li>{@code pg-fts}: PostgreSQL full text, bigram {@code tsvector}, {@code ts_rank}, over the whole text;</li>
 * <li>{@code search}: the portal search ({@link SearchEngine}, as {@code /api/search} runs it) with the title and
 * keywords as the query, achievements only;</li>
 * <li>{@code bm25-english}: English demands only: Lucene BM25 with the English analyzer over the whole text.</li>
 * </ul>
 *
 * <p>Usage: {@code HandJudgedPool [folder] [work folder]}. Re-running it with the same demands and code writes the
 * same files; a new ranker adds its run and its new candidates to the pools (judged pairs stay valid, new ones need
 * judging: see {@link QrelsCheck}).
 */
public final class HandJudgedPool {

    public static final int DEPTH = 20;
    public static final long POOL_SEED = 20261223L;

    private static final UUID UNIVERSITY = UUID.fromString("11111111-1111-1111-1111-111111111111");
    private static final UUID ENTERPRISE = UUID.fromString("22222222-2222-2222-2222-222222222222");

    @FunctionalInterface
    interface Ranker {
        /** Paper keys, best first, at most {@link #DEPTH}; null when the ranker does not apply to the demand. */
        List<String> rank(HandJudged.Demand d) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        Path dir = (args.length > 0 ? Path.of(args[0]) : HandJudged.DEFAULT_DIR).toAbsolutePath();
        Path work = (args.length > 1 ? Path.of(args[1]) : Path.of("target/handjudged-work")).toAbsolutePath();
        List<HandJudged.Demand> demands = HandJudged.demands(dir);
        List<CslCorpus.Paper> papers = CslCorpus.papers();
        deleteRecursively(work);
        Files.createDirectories(work);

        List<Evaluated.Doc> docs = new ArrayList<>();
        Map<String, String> keyOfUuid = HandJudged.keyOfUuid(papers.size());
        for (int i = 0; i < papers.size(); i++) {
            CslCorpus.Paper p = papers.get(i);
            docs.add(new Evaluated.Doc(HandJudged.paperKey(i), p.title(), p.keywords(), p.abstractText(), p.discipline()));
        }

        Map<String, Ranker> rankers = new LinkedHashMap<>();
        Map<String, String> descriptions = new LinkedHashMap<>();

        // The matching service: one MatchIndex holding the papers as published achievements and the demands as open
        // demands, exactly as the service indexes them.
        MatchIndex index = MatchIndex.open(work.resolve("service-index"));
        for (int i = 0; i < papers.size(); i++) {
            index.upsert(paperItem(i, papers.get(i)));
        }
        Map<String, Item> demandItems = new HashMap<>();
        for (HandJudged.Demand d : demands) {
            Item item = demandItem(d);
            demandItems.put(d.id(), item);
            index.upsert(item);
        }
        index.commit(Map.of());
        index.refresh();
        LocalDate today = LocalDate.now();
        MatchFinder uncut = new MatchFinder(index.searchers(), index.analyzer(),
                ScoringConfig.defaults().withThreshold(0.0).withMinTextRelevance(0.0).withTopK(DEPTH));
        MatchFinder api = new MatchFinder(index.searchers(), index.analyzer(), ScoringConfig.defaults().withTopK(DEPTH));
        rankers.put("service", d -> suggested(uncut.findFor(demandItems.get(d.id()), today), keyOfUuid));
        descriptions.put("service", "MatchFinder.findFor, threshold 0, minTextRelevance 0, top 20");
        rankers.put("service-api", d -> suggested(api.findFor(demandItems.get(d.id()), today), keyOfUuid));
        descriptions.put("service-api", "MatchFinder.findFor with the service's defaults (threshold "
                + ScoringConfig.defaults().threshold() + ", minTextRelevance " + ScoringConfig.defaults().minTextRelevance()
                + "), top 20");

        LuceneBm25 cjk = new LuceneBm25(new CJKAnalyzer(), docs);
        rankers.put("bm25-cjk", d -> cjk.search(d.fullText(), DEPTH));
        descriptions.put("bm25-cjk", "Lucene BM25, CJK bigrams, whole demand text, no features, no cut-off");
        LuceneBm25 smartcn = new LuceneBm25(new SmartChineseAnalyzer(), docs);
        rankers.put("bm25-smartcn", d -> smartcn.search(d.fullText(), DEPTH));
        descriptions.put("bm25-smartcn", "Lucene BM25, SmartCN words, whole demand text");

        SearchEngine search = new SearchEngine(index.searchers(), index.analyzer());
        rankers.put("search", d -> {
            SearchResult r = search.search(new SearchRequest(portalQuery(d), Item.Kind.ACHIEVEMENT, null, null, null,
                    null, null, null, SearchRequest.Sort.RELEVANCE, 0, DEPTH), today);
            return r.items().stream().map(h -> keyOfUuid.get(h.id().toString())).toList();
        });
        descriptions.put("search", "SearchEngine (/api/search), title + keywords as the query (at most "
                + SearchRequest.MAX_TEXT_LENGTH + " characters), achievements, by relevance, first page of 20");

        LuceneBm25 english = new LuceneBm25(new EnglishAnalyzer(), docs);
        rankers.put("bm25-english", d -> d.english() ? english.search(d.fullText(), DEPTH) : null);
        descriptions.put("bm25-english", "English demands only: Lucene BM25, English analyzer, whole demand text");

        Map<String, Map<String, List<String>>> runs = new LinkedHashMap<>();
        try (BenchPostgres pg = BenchPostgres.start(work.resolve("postgres")); Connection c = pg.connect()) {
            PgFullText.createTable(c);
            PgFullText.insert(c, docs.stream().map(doc -> new PgFullText.Doc(
                    UUID.fromString(Evaluated.idOf(HandJudged.paperIndex(doc.id()))), doc.title(),
                    String.join("；", doc.keywords()), doc.body())).toList());
            PgFullText.createIndex(c, PgFullText.Variant.BIGRAM_TSVECTOR);
            PgFullText.analyze(c);
            try (PgFullText.Searcher bigram = new PgFullText.Searcher(c, PgFullText.Variant.BIGRAM_TSVECTOR)) {
                rankers.put("pg-fts", d -> bigram.search(d.fullText(), DEPTH).stream()
                        .map(u -> keyOfUuid.get(u.toString())).toList());
                descriptions.put("pg-fts", "PostgreSQL full text, bigram tsvector (title A, keywords B, body D), OR of "
                        + "the demand's bigrams, ts_rank, whole demand text");
                for (Map.Entry<String, Ranker> r : rankers.entrySet()) {
                    Map<String, List<String>> run = new LinkedHashMap<>();
                    for (HandJudged.Demand d : demands) {
                        List<String> ranked = r.getValue().rank(d);
                        if (ranked != null) {
                            run.put(d.id(), ranked.stream().limit(DEPTH).toList());
                        }
                    }
                    runs.put(r.getKey(), run);
                }
            }
        } finally {
            index.close();
            cjk.close();
            smartcn.close();
            english.close();
        }

        writeRuns(dir, demands, runs, descriptions);
        writePools(dir, demands, papers, runs);
        System.out.print(summary(demands, runs));
        deleteRecursively(work);
    }

    /** Paper {@code i} as a published achievement of one university, as the CSV import publishes it. */
    static Item paperItem(int i, CslCorpus.Paper p) {
        return Item.achievement(UUID.fromString(Evaluated.idOf(i)), UNIVERSITY, AchievementStatus.PUBLISHED)
                .title(p.title()).text(p.abstractText()).keywords(p.keywords())
                .field(TechnicalField.valueOf(CslCorpus.technicalFieldOf(p.discipline()))).language("zh")
                .updatedAt(OffsetDateTime.now()).build();
    }

    /** The demand as the demand service publishes it and the matcher indexes it ({@code ItemMapper.fromDemand}). */
    static Item demandItem(HandJudged.Demand d) {
        Set<CooperationMode> modes = d.cooperationModes().stream().map(CooperationMode::valueOf)
                .collect(Collectors.toSet());
        return Item.demand(UUID.nameUUIDFromBytes(("handjudged-" + d.id()).getBytes(StandardCharsets.UTF_8)),
                        ENTERPRISE, DemandStatus.OPEN)
                .title(d.title()).text(d.serviceText()).keywords(d.keywords())
                .field(d.technicalField() == null ? null : TechnicalField.valueOf(d.technicalField()))
                .minTrl(d.minTrl()).cooperationModes(modes).region(d.region()).language(d.language())
                .updatedAt(OffsetDateTime.now()).build();
    }

    /** What a portal user types: the title and keywords, within the search box's limit. */
    static String portalQuery(HandJudged.Demand d) {
        String q = (d.title() + " " + String.join(" ", d.keywords())).strip();
        return q.length() <= SearchRequest.MAX_TEXT_LENGTH ? q : q.substring(0, SearchRequest.MAX_TEXT_LENGTH);
    }

    private static List<String> suggested(List<Suggestion> found, Map<String, String> keyOfUuid) {
        return found.stream().map(s -> keyOfUuid.get(s.achievement().id().toString())).toList();
    }

    private static void writeRuns(Path dir, List<HandJudged.Demand> demands, Map<String, Map<String, List<String>>> runs,
            Map<String, String> descriptions) throws IOException {
        Path folder = dir.resolve("runs");
        Files.createDirectories(folder);
        for (Map.Entry<String, Map<String, List<String>>> run : runs.entrySet()) {
            // The languages of the demands the ranker was run on (an empty list still counts: it found nothing).
            String languages = demands.stream().filter(d -> run.getValue().containsKey(d.id()))
                    .map(HandJudged.Demand::language).distinct().sorted(java.util.Comparator.reverseOrder())
                    .collect(Collectors.joining(","));
            StringBuilder out = new StringBuilder("# " + run.getKey() + ": " + descriptions.get(run.getKey())
                    + "\n# languages: " + languages + "\n# demand\trank\tpaper\n");
            run.getValue().forEach((demand, ranked) -> {
                for (int i = 0; i < ranked.size(); i++) {
                    out.append(demand).append('\t').append(i + 1).append('\t').append(ranked.get(i)).append('\n');
                }
            });
            Files.writeString(folder.resolve(run.getKey() + ".tsv"), out, StandardCharsets.UTF_8);
        }
    }

    /** The union of the runs' top {@link #DEPTH} per demand, sorted by key, then shuffled with a per-demand seed. */
    static List<String> poolOf(String demand, Map<String, Map<String, List<String>>> runs) {
        Set<String> union = new TreeSet<>();
        for (Map<String, List<String>> run : runs.values()) {
            union.addAll(run.getOrDefault(demand, List.of()).stream().limit(DEPTH).toList());
        }
        List<String> pool = new ArrayList<>(union);
        Collections.shuffle(pool, new Random(POOL_SEED ^ demand.hashCode()));
        return pool;
    }

    static void writePools(Path dir, List<HandJudged.Demand> demands, List<CslCorpus.Paper> papers,
            Map<String, Map<String, List<String>>> runs) throws IOException {
        Path folder = dir.resolve("pool");
        Files.createDirectories(folder);
        for (HandJudged.Demand d : demands) {
            StringBuilder out = new StringBuilder();
            for (String key : poolOf(d.id(), runs)) {
                CslCorpus.Paper p = papers.get(HandJudged.paperIndex(key));
                out.append(HandJudged.candidateJson(new HandJudged.Candidate(key, p.title(), p.abstractText(),
                        p.keywords()))).append('\n');
            }
            Files.writeString(folder.resolve(d.id() + ".jsonl"), out, StandardCharsets.UTF_8);
        }
    }

    static String summary(List<HandJudged.Demand> demands, Map<String, Map<String, List<String>>> runs) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-6s %-3s %5s", "demand", "lg", "pool"));
        runs.keySet().forEach(r -> out.append(String.format(Locale.ROOT, " %12s", r)));
        out.append(String.format(Locale.ROOT, " %12s%n", "only-one"));
        List<Integer> sizes = new ArrayList<>();
        for (HandJudged.Demand d : demands) {
            List<String> pool = poolOf(d.id(), runs);
            sizes.add(pool.size());
            out.append(String.format(Locale.ROOT, "%-6s %-3s %5d", d.id(), d.language(), pool.size()));
            for (Map<String, List<String>> run : runs.values()) {
                List<String> ranked = run.get(d.id());
                out.append(String.format(Locale.ROOT, " %12s", ranked == null ? "-" : Integer.toString(ranked.size())));
            }
            // Candidates that only one ranker found: how much each ranker adds to the pool.
            Map<String, Integer> foundBy = new HashMap<>();
            for (Map<String, List<String>> run : runs.values()) {
                new LinkedHashSet<>(run.getOrDefault(d.id(), List.of())).forEach(k -> foundBy.merge(k, 1, Integer::sum));
            }
            out.append(String.format(Locale.ROOT, " %12d%n", foundBy.values().stream().filter(v -> v == 1).count()));
        }
        List<Integer> sorted = sizes.stream().sorted().toList();
        int total = sizes.stream().mapToInt(Integer::intValue).sum();
        out.append(String.format(Locale.ROOT, "%d demands, pool size min %d, median %.1f, max %d, total %d pairs%n",
                sizes.size(), sorted.getFirst(), median(sorted), sorted.getLast(), total));
        return out.toString();
    }

    private static double median(List<Integer> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (var files = Files.walk(folder)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private HandJudgedPool() {
    }
}
