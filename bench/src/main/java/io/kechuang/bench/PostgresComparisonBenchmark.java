package io.kechuang.bench;

import io.kechuang.bench.pgfts.BenchPostgres;
import io.kechuang.bench.pgfts.PgFullText;
import io.kechuang.matching.index.Item;
import io.kechuang.matching.index.MatchIndex;
import io.kechuang.matching.scoring.MatchFinder;
import io.kechuang.matching.scoring.ScoringConfig;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The matching service's index and matcher against PostgreSQL full-text search on the same synthetic corpus
 * ({@link Corpus}) and the same demands, in one run: indexing rate, size on disk, and top-20 latency; plus a JFR
 * breakdown of where {@code findFor} spends its time.
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
            for (int i = 0; i < WARMUP; i++) {
                finder.findFor(demands.get(i), today);
            }
            load = load();
            try (FindForProfile profile = new FindForProfile(work.resolve("findFor-" + size + ".jfr"))) {
                for (int i = 0; i < measured; i++) {
                    long c0 = CPU.getCurrentThreadCpuTime();
                    long w0 = System.nanoTime();
                    suggestions += finder.findFor(demands.get(WARMUP + i), today).size();
                    wall[i] = System.nanoTime() - w0;
                    cpuTimes[i] = CPU.getCurrentThreadCpuTime() - c0;
                }
                say("- Lucene `MatchFinder.findFor`, top %d explained (avg %.1f suggestions), 1 thread, load %.1f: wall %s; "
                        + "thread CPU %s", K, suggestions / (double) measured, load, percentiles(wall),
                        percentiles(cpuTimes));
                say("%nBreakdown of findFor at %,d (JFR):%n%n%s", size, profile.stopAndSummarise());
            }
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
            explain(c, demands.get(WARMUP));
            latency(c, PgFullText.Variant.BIGRAM_TSVECTOR, demands, measured, "");
            for (double threshold : thresholds) {
                PgFullText.setTrigramThreshold(c, threshold);
                latency(c, PgFullText.Variant.TRIGRAM, demands, measured,
                        String.format(Locale.ROOT, " word_similarity ≥ %.2f", threshold));
            }
        }
    }

    private static void latency(Connection c, PgFullText.Variant variant, List<Item> demands, int measured, String label)
            throws Exception {
        int pid;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            pid = rs.getInt(1);
        }
        try (PgFullText.Searcher searcher = new PgFullText.Searcher(c, variant)) {
            int warm = Math.min(WARMUP, 20);
            for (int i = 0; i < warm; i++) {
                searcher.search(queryText(demands.get(i)), K);
            }
            double load = load();
            long[] wall = new long[measured];
            long server0 = backendCpuNanos(pid);
            long start = System.nanoTime();
            int done = 0;
            long hits = 0;
            for (int i = 0; i < measured && System.nanoTime() - start < SERIES_BUDGET_NANOS; i++) {
                long w0 = System.nanoTime();
                hits += searcher.search(queryText(demands.get(WARMUP + i)), K).size();
                wall[i] = System.nanoTime() - w0;
                done++;
            }
            long server = backendCpuNanos(pid) - server0;
            say("- PostgreSQL %s%s top %d (avg %.1f rows), load %.1f: wall %s; server CPU mean %s%s", variant, label, K,
                    hits / (double) done, load, percentiles(Arrays.copyOf(wall, done)),
                    server < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f ms", server / 1e6 / done),
                    done < measured ? String.format(Locale.ROOT, " (**stopped after %d queries, %d s budget**)", done,
                            SERIES_BUDGET_NANOS / 1_000_000_000L) : "");
        }
    }

    /** The plan of one bigram query, to see where PostgreSQL's time goes. */
    private static void explain(Connection c, Item demand) throws Exception {
        String q = PgFullText.bigrams(queryText(demand));
        StringBuilder plan = new StringBuilder();
        try (var ps = c.prepareStatement("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) WITH q AS (SELECT coalesce(string_agg("
                + "quote_literal(l), ' | '), '')::tsquery AS q FROM unnest(tsvector_to_array(to_tsvector('simple', ?))) "
                + "AS l) SELECT a.id FROM achievements a, q WHERE a.tsv @@ q.q ORDER BY ts_rank(a.tsv, q.q) DESC, "
                + "a.id LIMIT 20")) {
            ps.setString(1, q);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    plan.append("    ").append(rs.getString(1)).append('\n');
                }
            }
        }
        say("- PostgreSQL plan of one bigram query:%n%n%s", plan);
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
