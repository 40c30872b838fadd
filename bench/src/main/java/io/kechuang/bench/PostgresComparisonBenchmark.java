package io.kechuang.bench;

import io.kechuang.bench.pgfts.BenchPostgres;
import io.kechuang.bench.pgfts.PgFullText;
import io.kechuang.matching.index.IndexSchema;
import io.kechuang.matching.index.Item;
import io.kechuang.matching.index.MatchIndex;
import io.kechuang.matching.scoring.MatchFinder;
import io.kechuang.matching.scoring.ScoringConfig;
import io.kechuang.matching.scoring.Suggestion;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;

/**
 * The matching service's index and matcher against PostgreSQL full-text search on the same synthetic corpus
 * ({@link Corpus}) and the same demands, in one run: indexing rate, size on disk, and top-20 latency; plus a JFR
 * breakdown of where {@code findFor} spends its time. PostgreSQL's bigram {@code tsvector} is queried three ways: the
 * OR of every bigram of the demand's text (what a team would write first), the OR of exactly the terms
 * {@code findFor} queried for that demand ({@link SameTerms}: its 20 most informative bigrams and SmartCN words, none
 * in more than a tenth of the documents, and its keywords), and the OR of those bigram terms alone; each series also
 * says how many of Lucene's top 20 it returned.
 *
 * <p>Usage: {@code PostgresComparisonBenchmark <sizes, e.g. 10000,100000> <work folder> [measured queries, default
 * 500] [PostgreSQL size limit, default 100000] [trigram thresholds, comma-separated, default 0.3]}
 */
public final class PostgresComparisonBenchmark {

    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    private static final int WARMUP = 100;
    private static final int K = 20;
    /** A PostgreSQL series stops after this long; the figures then cover the queries run so far (reported). */
    private static final long SERIES_BUDGET_NANOS = 300L * 1_000_000_000L;

    private static final StringBuilder REPORT = new StringBuilder();
    /** Per measured demand of the current size, the achievements of Lucene's top 20. */
    private static List<Set<UUID>> luceneTop = List.of();
    /** Per demand of the current size (warm-up and measured), the terms findFor queried, as a tsquery. */
    private static List<SameTerms> sameTerms = List.of();

    public static void main(String[] args) throws Exception {
        int[] sizes = Arrays.stream(args[0].split(",")).mapToInt(Integer::parseInt).toArray();
        Path work = Path.of(args[1]).toAbsolutePath();
        int measured = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        int pgLimit = args.length > 3 ? Integer.parseInt(args[3]) : 100_000;
        double[] thresholds = Arrays.stream((args.length > 4 ? args[4] : "0.3").split(",")).mapToDouble(Double::parseDouble)
                .toArray();
        int threads = Runtime.getRuntime().availableProcessors();
        delete(work);
        Files.createDirectories(work);
        say("run %s: %d cores, max heap %d MB, %s %s; %d measured queries after %d warm-up; PostgreSQL up to %d; "
                + "pg_trgm.word_similarity_threshold %s", OffsetDateTime.now(ZoneOffset.UTC), threads,
                Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.vm.name"),
                System.getProperty("java.version"), measured, WARMUP, pgLimit, Arrays.toString(thresholds));
        Corpus corpus = new Corpus();
        try (BenchPostgres pg = BenchPostgres.start(work.resolve("postgres"))) {
            for (int size : sizes) {
                run(corpus, size, work, threads, measured, size <= pgLimit ? pg : null, thresholds);
            }
        }
        Files.writeString(work.getParent().resolve("postgres-comparison-report.md"), REPORT);
        delete(work);
    }

    private static void run(Corpus corpus, int size, Path work, int threads, int measured, BenchPostgres pg,
            double[] thresholds) throws Exception {
        say("%n## %,d achievements", size);
        Corpus.Generator generator = corpus.generator(42);
        List<Item> achievements = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            achievements.add(generator.achievement());
        }
        List<Item> demands = new ArrayList<>();
        for (int i = 0; i < WARMUP + measured; i++) {
            demands.add(generator.demand());
        }
        say("- corpus: %s", generator.summary());

        // ---- Lucene: the service's MatchIndex ------------------------------------------------------------------
        Path folder = work.resolve("lucene-" + size);
        try (MatchIndex index = MatchIndex.open(folder)) {
            double load = load();
            long cpu0 = processCpu();
            long t0 = System.nanoTime();
            parallel(threads, achievements, item -> index.upsert(item));
            index.commit(Map.of());
            double seconds = (System.nanoTime() - t0) / 1e9;
            double cpu = (processCpu() - cpu0) / 1e9;
            say("- Lucene MatchIndex indexing (%d threads, one commit): %.1f s = **%.0f docs/s**, process CPU %.1f s, "
                    + "load average %.1f → %.1f; index on disk **%.1f MB**", threads, seconds, size / seconds, cpu, load,
                    load(), index.sizeOnDisk() / 1e6);

            for (Item d : demands) {
                index.upsert(d);
            }
            index.refresh();
            MatchFinder finder = new MatchFinder(index.searchers(), index.analyzer(),
                    ScoringConfig.defaults().withThreshold(0.0).withTopK(K));
            LocalDate today = LocalDate.now();
            long[] wall = new long[measured];
            long[] cpuTimes = new long[measured];
            int suggestions = 0;
            luceneTop = new ArrayList<>();
            for (int i = 0; i < WARMUP; i++) {
                finder.findFor(demands.get(i), today);
            }
            load = load();
            try (FindForProfile profile = new FindForProfile(work.resolve("findFor-" + size + ".jfr"))) {
                for (int i = 0; i < measured; i++) {
                    long c0 = CPU.getCurrentThreadCpuTime();
                    long w0 = System.nanoTime();
                    List<Suggestion> found = finder.findFor(demands.get(WARMUP + i), today);
                    wall[i] = System.nanoTime() - w0;
                    cpuTimes[i] = CPU.getCurrentThreadCpuTime() - c0;
                    suggestions += found.size();
                    luceneTop.add(found.stream().map(f -> f.achievement().id()).collect(Collectors.toSet()));
                }
                say("- Lucene `MatchFinder.findFor`, top %d explained (avg %.1f suggestions), 1 thread, load %.1f: wall %s; "
                        + "thread CPU %s", K, suggestions / (double) measured, load, percentiles(wall),
                        percentiles(cpuTimes));
                say("%nBreakdown of findFor at %,d (JFR):%n%n%s", size, profile.stopAndSummarise());
            }
            // After the measured series, so that it warms nothing: the terms findFor queried for each demand, for
            // PostgreSQL's same-terms variant.
            sameTerms = new ArrayList<>();
            IndexSearcher searcher = index.searchers().acquire();
            try {
                for (Item d : demands) {
                    sameTerms.add(SameTerms.of(finder, d, searcher));
                }
            } finally {
                index.searchers().release(searcher);
            }
            say("- the terms `findFor` queries, as PostgreSQL's same-terms query: %.1f bigrams, %.1f SmartCN words, "
                    + "%.1f keywords per demand (mean); e.g. `%s`", sameTerms.stream().mapToInt(SameTerms::bigrams).average()
                    .orElse(0), sameTerms.stream().mapToInt(SameTerms::words).average().orElse(0),
                    sameTerms.stream().mapToInt(SameTerms::keywords).average().orElse(0),
                    sameTerms.get(WARMUP).tsquery());
        }
        delete(folder);
        if (pg == null) {
            say("- PostgreSQL: not run at this size (limit given on the command line)");
            return;
        }

        // ---- PostgreSQL -------------------------------------------------------------------------------------------
        List<PgFullText.Doc> rows = achievements.stream().map(a -> new PgFullText.Doc(a.id(), a.title(),
                String.join("；", a.keywords()), a.text())).toList();
        achievements = null;
        try (Connection c = pg.connect()) {
            PgFullText.createTable(c);
            double load = load();
            long t0 = System.nanoTime();
            int chunk = (rows.size() + threads - 1) / threads;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                List<PgFullText.Doc> part = rows.subList(Math.min(rows.size(), t * chunk),
                        Math.min(rows.size(), (t + 1) * chunk));
                futures.add(pool.submit(() -> {
                    try (Connection own = pg.connect()) {
                        PgFullText.insert(own, part);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            pool.shutdown();
            double insert = (System.nanoTime() - t0) / 1e9;
            long t1 = System.nanoTime();
            PgFullText.createIndex(c, PgFullText.Variant.BIGRAM_TSVECTOR);
            double tsvIndex = (System.nanoTime() - t1) / 1e9;
            long t2 = System.nanoTime();
            PgFullText.createIndex(c, PgFullText.Variant.TRIGRAM);
            double trgmIndex = (System.nanoTime() - t2) / 1e9;
            long t3 = System.nanoTime();
            PgFullText.analyze(c);
            double analyze = (System.nanoTime() - t3) / 1e9;
            say("- PostgreSQL loading (%d connections, batched INSERT with application-side bigrams → to_tsvector): "
                    + "%.1f s; GIN bigram index %.1f s; GIN trigram index %.1f s; VACUUM ANALYZE %.1f s; load average "
                    + "%.1f → %.1f", threads, insert, tsvIndex, trgmIndex, analyze, load, load());
            say("- PostgreSQL rate, bigram tsvector (rows + GIN + analyze): **%.0f docs/s**; pg_trgm (rows + GIN + "
                    + "analyze): **%.0f docs/s**; both indexes: %.0f docs/s", size / (insert + tsvIndex + analyze),
                    size / (insert + trgmIndex + analyze), size / (insert + tsvIndex + trgmIndex + analyze));
            StringBuilder sizes = new StringBuilder();
            PgFullText.sizes(c).forEach((k, v) -> sizes.append(String.format(Locale.ROOT, "%s %.1f MB; ", k, v / 1e6)));
            say("- PostgreSQL size on disk: %s", sizes);
            explain(c, "every bigram of the demand's text", ALL_BIGRAMS_TSQUERY, PgFullText.bigrams(queryText(demands.get(WARMUP))));
            explain(c, "the terms findFor queries", SAME_TERMS_TSQUERY, sameTerms.get(WARMUP).tsquery());
            matchedRows(c, demands, measured);
            try (PgFullText.Searcher all = new PgFullText.Searcher(c, PgFullText.Variant.BIGRAM_TSVECTOR)) {
                latency(c, "bigram tsvector + ts_rank, OR of every bigram of the demand's text", demands, measured,
                        i -> all.search(queryText(demands.get(i)), K));
            }
            // The same terms as Lucene: all of them (bigrams, SmartCN words as phrases in title and keywords, exact
            // keywords as phrases in the keywords), and the bigram terms alone (plain GIN lookups, no recheck).
            for (boolean bigramsOnly : new boolean[] {false, true}) {
                String label = "bigram tsvector + ts_rank, OR of " + (bigramsOnly
                        ? "only the bigram terms findFor queries" : "the terms findFor queries");
                try (var ps = c.prepareStatement(SAME_TERMS_QUERY)) {
                    latency(c, label, demands, measured, i -> {
                        ps.setString(1, bigramsOnly ? sameTerms.get(i).bigramsOnly() : sameTerms.get(i).tsquery());
                        ps.setInt(2, K);
                        List<UUID> out = new ArrayList<>(K);
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                out.add(rs.getObject(1, UUID.class));
                            }
                        }
                        return out;
                    });
                }
            }
            for (double threshold : thresholds) {
                PgFullText.setTrigramThreshold(c, threshold);
                try (PgFullText.Searcher trigram = new PgFullText.Searcher(c, PgFullText.Variant.TRIGRAM)) {
                    latency(c, String.format(Locale.ROOT, "pg_trgm word_similarity ≥ %.2f", threshold), demands, measured,
                            i -> trigram.search(queryText(demands.get(i)), K));
                }
            }
        }
    }

    @FunctionalInterface
    private interface Search {
        List<UUID> top(int demand) throws Exception;
    }

    /**
     * One PostgreSQL series: 20 warm-up demands, then the measured ones until the budget runs out; wall time, the
     * backend's CPU time, rows returned, and how many of Lucene's top 20 (same demand) it returned.
     */
    private static void latency(Connection c, String label, List<Item> demands, int measured, Search search)
            throws Exception {
        int pid;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            pid = rs.getInt(1);
        }
        int warm = Math.min(WARMUP, 20);
        for (int i = 0; i < warm; i++) {
            search.top(i);
        }
        double load = load();
        long[] wall = new long[measured];
        long server0 = backendCpuNanos(pid);
        long start = System.nanoTime();
        int done = 0;
        long hits = 0;
        double overlap = 0;
        for (int i = 0; i < measured && System.nanoTime() - start < SERIES_BUDGET_NANOS; i++) {
            long w0 = System.nanoTime();
            List<UUID> top = search.top(WARMUP + i);
            wall[i] = System.nanoTime() - w0;
            hits += top.size();
            Set<UUID> lucene = luceneTop.get(i);
            overlap += lucene.isEmpty() ? 0 : top.stream().filter(lucene::contains).count() / (double) lucene.size();
            done++;
        }
        long server = backendCpuNanos(pid) - server0;
        say("- PostgreSQL %s, top %d (avg %.1f rows; %.0f %% of Lucene's top 20), load %.1f: wall %s; server CPU mean %s%s",
                label, K, hits / (double) done, 100 * overlap / done, load, percentiles(Arrays.copyOf(wall, done)),
                server < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f ms", server / 1e6 / done),
                done < measured ? String.format(Locale.ROOT, " (**stopped after %d queries, %d s budget**)", done,
                        SERIES_BUDGET_NANOS / 1_000_000_000L) : "");
    }

    /** How many rows each bigram query matches (and must rank), for the first 20 measured demands. */
    private static void matchedRows(Connection c, List<Item> demands, int measured) throws Exception {
        int n = Math.min(20, measured);
        long all = 0;
        long same = 0;
        long rows;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM achievements")) {
            rs.next();
            rows = rs.getLong(1);
        }
        try (var a = c.prepareStatement("WITH " + ALL_BIGRAMS_TSQUERY + " SELECT count(*) FROM achievements a, q WHERE a.tsv @@ q.q");
                var b = c.prepareStatement("WITH " + SAME_TERMS_TSQUERY + " SELECT count(*) FROM achievements a, q WHERE a.tsv @@ q.q")) {
            for (int i = 0; i < n; i++) {
                a.setString(1, PgFullText.bigrams(queryText(demands.get(WARMUP + i))));
                b.setString(1, sameTerms.get(WARMUP + i).tsquery());
                try (ResultSet rs = a.executeQuery()) {
                    rs.next();
                    all += rs.getLong(1);
                }
                try (ResultSet rs = b.executeQuery()) {
                    rs.next();
                    same += rs.getLong(1);
                }
            }
        }
        say("- rows a bigram query matches (mean of %d demands, of %,d): OR of every bigram %,.0f (%.1f %%); OR of the "
                + "terms findFor queries %,.0f (%.1f %%)", n, rows, all / (double) n, 100.0 * all / n / rows,
                same / (double) n, 100.0 * same / n / rows);
    }

    /** The OR of every bigram of a text, normalised by the same parser as the documents (as {@code PgFullText}). */
    private static final String ALL_BIGRAMS_TSQUERY = "q AS (SELECT coalesce(string_agg(quote_literal(l), ' | '), '')"
            + "::tsquery AS q FROM unnest(tsvector_to_array(to_tsvector('simple', ?))) AS l WHERE position('\\' in l) = 0)";
    /** A query as {@link SameTerms#tsquery} writes it. */
    private static final String SAME_TERMS_TSQUERY = "q AS (SELECT to_tsquery('simple', ?) AS q)";
    private static final String SAME_TERMS_QUERY = "WITH " + SAME_TERMS_TSQUERY + " SELECT a.id FROM achievements a, q "
            + "WHERE a.tsv @@ q.q ORDER BY ts_rank(a.tsv, q.q) DESC, a.id LIMIT ?";

    /** The plan of one bigram query, to see where PostgreSQL's time goes. */
    private static void explain(Connection c, String what, String tsquery, String parameter) throws Exception {
        StringBuilder plan = new StringBuilder();
        try (var ps = c.prepareStatement("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) WITH " + tsquery + " SELECT a.id FROM "
                + "achievements a, q WHERE a.tsv @@ q.q ORDER BY ts_rank(a.tsv, q.q) DESC, a.id LIMIT 20")) {
            ps.setString(1, parameter);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    plan.append("    ").append(rs.getString(1)).append('\n');
                }
            }
        }
        say("- PostgreSQL plan of one bigram query, OR of %s:%n%n%s", what, plan);
    }

    /**
     * The terms {@code MatchFinder.findFor} queries for a demand, as a PostgreSQL tsquery over the bigram tsvector:
     * each bigram term as it is (any weight, as Lucene's clause spans title, keywords and text), each SmartCN word as
     * the phrase of its bigrams in the title or keywords (weights A, B; Lucene's SmartCN field holds those two), each
     * exact keyword as the phrase of its bigrams in the keywords (weight B), all OR-ed. PostgreSQL gets no per-term
     * boosts (a tsquery has none) and ranks with {@code ts_rank} as in the other variant.
     *
     * <p>The terms are read from the query findFor itself builds, through reflection (MatchFinder does not expose
     * it): renaming {@code buildQuery} or its record's {@code query} fails this benchmark loudly instead of letting
     * a copy of the term selection drift from the real one.
     */
    record SameTerms(String tsquery, String bigramsOnly, int bigrams, int words, int keywords) {

        static SameTerms of(MatchFinder finder, Item demand, IndexSearcher searcher) throws Exception {
            Method build = MatchFinder.class.getDeclaredMethod("buildQuery", Item.class, IndexSearcher.class);
            build.setAccessible(true);
            Object built = build.invoke(finder, demand, searcher);
            Method accessor = built.getClass().getDeclaredMethod("query");
            accessor.setAccessible(true);
            Query query = (Query) accessor.invoke(built);
            Map<String, Set<String>> byField = new java.util.LinkedHashMap<>();
            if (query != null) {
                query.visit(new QueryVisitor() {
                    @Override
                    public void consumeTerms(Query q, Term... terms) {
                        for (Term t : terms) {
                            byField.computeIfAbsent(t.field(), f -> new LinkedHashSet<>()).add(t.text());
                        }
                    }
                });
            }
            Set<String> groups = new LinkedHashSet<>();
            Set<String> bigramTerms = new LinkedHashSet<>();
            for (String field : List.of(IndexSchema.HEAD_BI, IndexSchema.TEXT_BI, IndexSchema.HEAD_EN, IndexSchema.TEXT_EN)) {
                bigramTerms.addAll(byField.getOrDefault(field, Set.of()));
            }
            for (String t : bigramTerms) {
                groups.add(lexeme(t, ""));
            }
            Set<String> words = byField.getOrDefault(IndexSchema.HEAD_ZH, Set.of());
            for (String w : words) {
                groups.add(phrase(w, "AB"));
            }
            Set<String> keywords = byField.getOrDefault(IndexSchema.KEYWORD, Set.of());
            for (String k : keywords) {
                groups.add(phrase(k, "B"));
            }
            groups.remove("");
            byField.keySet().removeAll(List.of(IndexSchema.HEAD_BI, IndexSchema.TEXT_BI, IndexSchema.HEAD_EN,
                    IndexSchema.TEXT_EN, IndexSchema.HEAD_ZH, IndexSchema.KEYWORD));
            if (!byField.isEmpty()) {
                throw new IllegalStateException("findFor queried fields this benchmark does not translate: " + byField.keySet());
            }
            return new SameTerms(String.join(" | ", groups),
                    bigramTerms.stream().map(t -> lexeme(t, "")).collect(Collectors.joining(" | ")), bigramTerms.size(),
                    words.size(), keywords.size());
        }

        private static String phrase(String text, String weights) {
            String bigrams = PgFullText.bigrams(text);
            if (bigrams.isEmpty()) {
                return "";
            }
            String[] tokens = bigrams.split(" ");
            StringBuilder out = new StringBuilder(tokens.length > 1 ? "(" : "");
            for (int i = 0; i < tokens.length; i++) {
                out.append(i == 0 ? "" : " <-> ").append(lexeme(tokens[i], weights));
            }
            return out.append(tokens.length > 1 ? ")" : "").toString();
        }

        private static String lexeme(String token, String weights) {
            return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'" + (weights.isEmpty() ? "" : ":" + weights);
        }
    }

    /** The demand as one query text: title, problem statement, keywords. */
    static String queryText(Item demand) {
        return demand.title() + " " + demand.text() + " " + String.join(" ", demand.keywords());
    }

    /** utime + stime of a PostgreSQL backend from /proc (clock ticks of 10 ms); -1 if unreadable. */
    private static long backendCpuNanos(int pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    @FunctionalInterface
    private interface ItemWork {
        void apply(Item item) throws IOException;
    }

    private static void parallel(int threads, List<Item> items, ItemWork work) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < items.size(); i = next.getAndIncrement()) {
                    work.apply(items.get(i));
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
    }

    private static String percentiles(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "p50 %.2f ms, p90 %.2f ms, p99 %.2f ms (n=%d)", pct(sorted, 0.50),
                pct(sorted, 0.90), pct(sorted, 0.99), sorted.length);
    }

    private static double pct(long[] sorted, double p) {
        return sorted.length == 0 ? Double.NaN
                : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    private static void say(String format, Object... args) {
        String line = String.format(Locale.ROOT, format, args);
        System.out.println(line);
        REPORT.append(line).append('\n');
    }

    private static void delete(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private PostgresComparisonBenchmark() {
    }
}
