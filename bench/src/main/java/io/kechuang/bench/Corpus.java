package io.kechuang.bench;

import io.kechuang.events.achievement.AchievementStatus;
import io.kechuang.events.achievement.IpType;
import io.kechuang.events.achievement.MaturityStage;
import io.kechuang.events.demand.DemandStatus;
import io.kechuang.events.taxonomy.CooperationMode;
import io.kechuang.events.taxonomy.TechnicalField;
import io.kechuang.matching.index.Analyzers;
import io.kechuang.matching.index.IndexSchema;
import io.kechuang.matching.index.Item;
import io.kechuang.corpus.CslCorpus;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Synthetic achievements and demands recombined from the 2,000 CSL abstracts, so that a large corpus does not repeat
 * itself. An achievement takes its title from one paper (the anchor); as many sentences as a real abstract of the
 * discipline has (at least two), about half of them the anchor's and the rest from one to three other papers of the
 * same discipline (among the anchor's 16 nearest by shared character bigrams), put in the order they had in their
 * abstracts, and cut to at most 1.4 times that abstract's length; its keywords from the anchor (at least half of
 * them) and one from each other paper it borrowed a sentence from; its attributes are random but plausible. A demand
 * is one or two consecutive sentences among the first three of a paper as the problem, two or more of its keywords
 * (and sometimes one of a neighbour's) as needs.
 *
 * <p>Each {@link Generator} is a seeded sequence: the same seed gives the same documents in the same order, whichever
 * threads draw them. No two achievements of a generator have the same text and no two demands are identical (a
 * 128-bit digest of each); nor does an achievement share half or more of its sentences (by length, counting both)
 * with an earlier one of the same anchor, so that 50 documents of one title at 100k are not one text plus or minus a
 * sentence. A draw that breaks either rule is drawn again; the generator counts the redraws (1.3 a document at 100k;
 * papers with one or two short sentences run out of combinations first, so they anchor fewer documents than the
 * others). Past a few hundred thousand achievements the papers run out of such combinations and the generator
 * relaxes the one-half to what it must (to about 70 % at 1M, where it also spends about two minutes of one
 * core).
 *
 * <p>Its term distribution, measured by {@link #main} (bench/RESULTS.md, 2026-12-07): the vocabulary is the 2,000
 * papers' and does not grow with the corpus, so each term's document frequency grows in proportion to the corpus
 * size. The share of documents a common term is in stays within a few points of the papers' (see RESULTS.md), a little
 * above it because a document mixing two to four papers holds more distinct terms than one paper of the same
 * length. What it lacks is the long tail of a real large corpus: no term is rare (almost no bigram in at most 5
 * documents at 100k, against 92.5 % of the papers' bigrams), and there are only 2,000 titles.
 */
final class Corpus {

    private static final String[] REGIONS = {"510100", "510104", "510700", "500000", "110000", "310000", "440300",
            "420100", "610100", "320100"};
    private static final CooperationMode[] MODES = CooperationMode.values();
    /** Sentence ends: Chinese and Latin full stops, exclamation and question marks; a full stop before a digit is a decimal point. */
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[。！？!?])|(?<=\\.)(?![0-9])");
    /** How many of a paper's nearest papers of the same discipline an achievement may borrow from. */
    private static final int NEIGHBOURS = 16;
    /** A generator gives up after this many identical draws in a row: the sources are exhausted. */
    private static final int MAX_REDRAWS = 1000;
    /**
     * An achievement may share less than this share of its sentences' characters (counting all of both) with an
     * earlier achievement of the same anchor, so of the same title: otherwise one is the other plus or minus a
     * sentence. When the papers run out of such combinations (after {@link #RELAX_AFTER} rejections in a row, which
     * happens past a few hundred thousand achievements), the generator raises its limit by {@link #RELAX_STEP}.
     */
    private static final double MAX_SHARED = 0.5;
    private static final int RELAX_AFTER = 100;
    private static final double RELAX_STEP = 0.05;

    private final List<CslCorpus.Paper> papers = CslCorpus.papers();
    /** Per paper, its sentences in order. */
    private final List<List<String>> sentences = new ArrayList<>();
    /** Per paper, the other papers of its discipline, most similar first (at most NEIGHBOURS). */
    private final int[][] neighbours;
    /** Per paper, the papers of its discipline (itself included). */
    private final int[][] discipline;

    Corpus() {
        for (CslCorpus.Paper p : papers) {
            List<String> parts = new ArrayList<>();
            for (String s : SENTENCE_END.split(p.abstractText())) {
                if (s.strip().length() > 4) {
                    parts.add(s.strip());
                }
            }
            sentences.add(parts.isEmpty() ? List.of(p.abstractText().strip()) : List.copyOf(parts));
        }
        Map<String, List<Integer>> byDiscipline = new LinkedHashMap<>();
        for (int i = 0; i < papers.size(); i++) {
            byDiscipline.computeIfAbsent(papers.get(i).discipline(), d -> new ArrayList<>()).add(i);
        }
        discipline = new int[papers.size()][];
        for (List<Integer> members : byDiscipline.values()) {
            int[] m = members.stream().mapToInt(Integer::intValue).toArray();
            for (int i : m) {
                discipline[i] = m;
            }
        }
        neighbours = nearestInDiscipline();
    }

    /** Cosine similarity of tf·idf-weighted Han character bigrams, within each discipline. */
    private int[][] nearestInDiscipline() {
        List<Map<String, Double>> vectors = new ArrayList<>();
        Map<String, Integer> df = new HashMap<>();
        for (CslCorpus.Paper p : papers) {
            Map<String, Double> tf = new HashMap<>();
            String text = p.title() + "\n" + p.abstractText() + "\n" + String.join("\n", p.keywords());
            for (int i = 0; i + 1 < text.length(); i++) {
                if (isHan(text.charAt(i)) && isHan(text.charAt(i + 1))) {
                    tf.merge(text.substring(i, i + 2), 1.0, Double::sum);
                }
            }
            tf.keySet().forEach(t -> df.merge(t, 1, Integer::sum));
            vectors.add(tf);
        }
        for (Map<String, Double> v : vectors) {
            double norm = 0;
            for (Map.Entry<String, Double> e : v.entrySet()) {
                double w = (1 + Math.log(e.getValue())) * Math.log((double) papers.size() / df.get(e.getKey()));
                e.setValue(w);
                norm += w * w;
            }
            double n = Math.sqrt(norm);
            v.replaceAll((t, w) -> n == 0 ? 0 : w / n);
        }
        int[][] out = new int[papers.size()][];
        for (int a = 0; a < papers.size(); a++) {
            int self = a;
            Map<String, Double> va = vectors.get(a);
            out[a] = Arrays.stream(discipline[a]).filter(b -> b != self).boxed()
                    .sorted(Comparator.comparingDouble((Integer b) -> -dot(va, vectors.get(b))).thenComparing(b -> b))
                    .limit(NEIGHBOURS).mapToInt(Integer::intValue).toArray();
        }
        return out;
    }

    private static double dot(Map<String, Double> a, Map<String, Double> b) {
        Map<String, Double> small = a.size() <= b.size() ? a : b;
        Map<String, Double> large = small == a ? b : a;
        double sum = 0;
        for (Map.Entry<String, Double> e : small.entrySet()) {
            Double w = large.get(e.getKey());
            if (w != null) {
                sum += e.getValue() * w;
            }
        }
        return sum;
    }

    private static boolean isHan(char c) {
        return Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN;
    }

    /** A seeded sequence of distinct documents. */
    Generator generator(long seed) {
        return new Generator(seed);
    }

    /** A short portal query: one or two keywords of a paper (queries may repeat, as users' do). */
    String query(Random random) {
        CslCorpus.Paper p = papers.get(random.nextInt(papers.size()));
        if (p.keywords().isEmpty()) {
            return p.title();
        }
        String first = p.keywords().get(random.nextInt(p.keywords().size()));
        return random.nextBoolean() || p.keywords().size() == 1 ? first
                : first + " " + p.keywords().get(random.nextInt(p.keywords().size()));
    }

    /**
     * Draws achievements and demands in a fixed order from one seed; thread-safe (each draw holds the lock, so the
     * sequence does not depend on which thread draws). Never returns a document identical to one it returned before.
     */
    final class Generator {
        private final Random random;
        private final Set<Digest> seen = new HashSet<>();
        private int achievements;
        private int demands;
        private int redrawn;
        private int nearCopies;
        /** Per anchor paper, the sentences ({@code paper << 32 | index}, sorted) of each achievement it anchored. */
        private final Map<Integer, List<long[]>> composed = new HashMap<>();
        private double maxShared = MAX_SHARED;
        private int rejectedInARow;
        private int pendingAnchor;
        private long[] pendingSentences;

        private Generator(long seed) {
            this.random = new Random(seed);
        }

        synchronized Item achievement() {
            Item item = distinct(this::drawAchievement);
            achievements++;
            return item;
        }

        synchronized Item demand() {
            Item item = distinct(this::drawDemand);
            demands++;
            return item;
        }

        /** Draws that were drawn again: identical to an earlier document, or an achievement too close to one. */
        synchronized int redrawn() {
            return redrawn + nearCopies;
        }

        synchronized String summary() {
            return String.format(Locale.ROOT, "%,d achievements and %,d demands, all distinct (%,d draws redrawn: %,d "
                    + "identical to an earlier one, %,d sharing %.0f %% or more of their sentences with one of the same "
                    + "title)", achievements, demands, redrawn + nearCopies, redrawn, nearCopies, 100 * maxShared);
        }

        private Item distinct(Supplier<Item> draw) {
            for (int attempt = 0; attempt < MAX_REDRAWS; attempt++) {
                Item item = draw.get();
                if (item == null) {
                    nearCopies++;
                    if (++rejectedInARow >= RELAX_AFTER) {
                        maxShared = Math.min(1.0, maxShared + RELAX_STEP);
                        rejectedInARow = 0;
                    }
                } else if (seen.add(Digest.of(item))) {
                    if (pendingSentences != null) {
                        composed.computeIfAbsent(pendingAnchor, a -> new ArrayList<>()).add(pendingSentences);
                    }
                    pendingSentences = null;
                    rejectedInARow = 0;
                    return item;
                } else {
                    redrawn++;
                }
                pendingSentences = null;
            }
            throw new IllegalStateException("the 2,000 papers cannot give another distinct document after "
                    + MAX_REDRAWS + " draws");
        }

        private Item drawAchievement() {
            Random r = random;
            int anchor = r.nextInt(papers.size());
            CslCorpus.Paper p = papers.get(anchor);
            // As many sentences as a real abstract of the discipline has (at least two): about half of them the
            // anchor's, the rest borrowed from one to three of its nearest papers of the discipline.
            int[] same = discipline[anchor];
            int reference = same[r.nextInt(same.length)];
            int count = Math.max(2, sentences.get(reference).size());
            int target = papers.get(reference).abstractText().length();
            List<String> ownSentences = sentences.get(anchor);
            int fromAnchor = Math.max(1, Math.min(ownSentences.size(), (count + r.nextInt(2)) / 2));
            int[] near = neighbours[anchor];
            List<Integer> others = new ArrayList<>();
            int wanted = Math.min(near.length, Math.min(count - fromAnchor, 1 + r.nextInt(3)));
            while (others.size() < wanted) {
                int b = near[r.nextInt(near.length)];
                if (!others.contains(b)) {
                    others.add(b);
                }
            }
            record Sentence(int paper, int index, double position, String text) {
            }
            List<Sentence> chosen = new ArrayList<>();
            for (int i : subset(r, ownSentences.size(), fromAnchor)) {
                chosen.add(new Sentence(anchor, i, (i + 0.5) / ownSentences.size(), ownSentences.get(i)));
            }
            Set<Long> used = new HashSet<>();
            for (int round = 0; round < 64 && chosen.size() < Math.max(count, fromAnchor + 1) && !others.isEmpty(); round++) {
                int source = others.get(r.nextInt(others.size()));
                List<String> theirs = sentences.get(source);
                int index = r.nextInt(theirs.size());
                if (used.add(((long) source << 32) | index)) {
                    chosen.add(new Sentence(source, index, (index + 0.5) / theirs.size(), theirs.get(index)));
                }
            }
            // Not much longer than that abstract: drop sentences while it is over by two fifths, keeping two.
            int length = chosen.stream().mapToInt(c -> c.text().length()).sum();
            while (chosen.size() > 2 && length > target * 1.4) {
                int i = r.nextInt(chosen.size());
                int anchorLeft = (int) chosen.stream().filter(c -> c.paper() == anchor).count();
                boolean isAnchor = chosen.get(i).paper() == anchor;
                if (isAnchor ? anchorLeft <= 1 : chosen.size() - anchorLeft <= 1) {
                    continue;
                }
                length -= chosen.remove(i).text().length();
            }
            chosen.sort(Comparator.comparingDouble(Sentence::position).thenComparing(s -> s.paper() != anchor));
            // Not a near-copy of an earlier achievement of the same anchor (so of the same title).
            long[] ids = chosen.stream().mapToLong(c -> ((long) c.paper() << 32) | c.index()).sorted().toArray();
            for (long[] earlier : composed.getOrDefault(anchor, List.of())) {
                if (sharedLength(ids, earlier) >= maxShared) {
                    return null;
                }
            }
            pendingAnchor = anchor;
            pendingSentences = ids;
            StringBuilder text = new StringBuilder();
            for (Sentence s : chosen) {
                text.append(s.text());
            }
            // Keywords: at least half of the anchor's, in their order, then one of each paper a sentence came from.
            Set<String> keywords = new LinkedHashSet<>();
            List<String> own = p.keywords();
            int keep = own.isEmpty() ? 0 : (own.size() + 1) / 2 + r.nextInt(own.size() / 2 + 1);
            for (int i : subset(r, own.size(), keep)) {
                keywords.add(own.get(i));
            }
            chosen.stream().mapToInt(Sentence::paper).filter(b -> b != anchor).distinct().forEach(b -> {
                List<String> theirs = papers.get(b).keywords();
                if (!theirs.isEmpty()) {
                    keywords.add(theirs.get(r.nextInt(theirs.size())));
                }
            });
            Set<CooperationMode> modes = EnumSet.noneOf(CooperationMode.class);
            modes.add(MODES[r.nextInt(MODES.length)]);
            modes.add(MODES[r.nextInt(MODES.length)]);
            boolean priced = r.nextBoolean();
            // The random draws stay in this order, so that a seed gives the same corpus as before.
            return Item.achievement(new UUID(r.nextLong(), r.nextLong()), new UUID(r.nextLong(), r.nextLong()),
                            AchievementStatus.PUBLISHED)
                    .title(p.title()).text(text.toString()).keywords(List.copyOf(keywords)).field(fieldOf(p))
                    .ipType(IpType.values()[r.nextInt(IpType.values().length)]).trl(1 + r.nextInt(9))
                    .stage(MaturityStage.values()[r.nextInt(MaturityStage.values().length)]).cooperationModes(modes)
                    .price(priced ? BigDecimal.valueOf(50_000L * (1 + r.nextInt(100))) : null, priced ? "CNY" : null,
                            !priced)
                    .region(REGIONS[r.nextInt(REGIONS.length)]).language("zh")
                    .expiresOn(LocalDate.now().plusDays(30 + r.nextInt(700)))
                    .updatedAt(OffsetDateTime.now().minusMinutes(r.nextInt(500_000))).build();
        }

        /**
         * A demand phrased like an enterprise would: one or two consecutive sentences among the first three of a
         * paper as the problem, two or more of its keywords (and sometimes one of a neighbour's) as needs.
         */
        private Item drawDemand() {
            Random r = random;
            int a = r.nextInt(papers.size());
            CslCorpus.Paper p = papers.get(a);
            List<String> own = sentences.get(a);
            int first = own.size() > 1 ? r.nextInt(2) : 0;
            String problem = own.get(first) + (first + 1 < own.size() && r.nextBoolean() ? own.get(first + 1) : "");
            Set<String> keywords = new LinkedHashSet<>();
            int keep = Math.min(p.keywords().size(), 2 + r.nextInt(Math.max(1, p.keywords().size() - 1)));
            for (int i : subset(r, p.keywords().size(), keep)) {
                keywords.add(p.keywords().get(i));
            }
            if (neighbours[a].length > 0 && r.nextInt(3) == 0) {
                List<String> theirs = papers.get(neighbours[a][r.nextInt(neighbours[a].length)]).keywords();
                if (!theirs.isEmpty()) {
                    keywords.add(theirs.get(r.nextInt(theirs.size())));
                }
            }
            List<String> needs = List.copyOf(keywords);
            return Item.demand(new UUID(r.nextLong(), r.nextLong()), new UUID(r.nextLong(), r.nextLong()), DemandStatus.OPEN)
                    .title(needs.isEmpty() ? p.title() : String.join("、", needs) + "技术需求").text(problem).keywords(needs)
                    .field(fieldOf(p)).minTrl(1 + r.nextInt(7)).cooperationModes(Set.of(MODES[r.nextInt(MODES.length)]))
                    .budget(BigDecimal.valueOf(100_000), BigDecimal.valueOf(100_000L * (2 + r.nextInt(30))), "CNY")
                    .region(REGIONS[r.nextInt(REGIONS.length)]).language("zh").expiresOn(LocalDate.now().plusDays(90))
                    .updatedAt(OffsetDateTime.now()).build();
        }
    }

    /** The characters of the sentences two achievements share, as a share of the characters of all their sentences. */
    private double sharedLength(long[] a, long[] b) {
        int i = 0;
        int j = 0;
        long both = 0;
        long all = 0;
        while (i < a.length || j < b.length) {
            if (j == b.length || (i < a.length && a[i] < b[j])) {
                all += length(a[i++]);
            } else if (i == a.length || b[j] < a[i]) {
                all += length(b[j++]);
            } else {
                both += length(a[i]);
                all += length(a[i]);
                i++;
                j++;
            }
        }
        return all == 0 ? 1 : both / (double) all;
    }

    private int length(long sentence) {
        return sentences.get((int) (sentence >>> 32)).get((int) sentence).length();
    }

    /** {@code k} distinct indexes of {@code n}, in increasing order. */
    private static int[] subset(Random r, int n, int k) {
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            all.add(i);
        }
        java.util.Collections.shuffle(all, r);
        return all.subList(0, Math.min(k, n)).stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    private static TechnicalField fieldOf(CslCorpus.Paper p) {
        return TechnicalField.valueOf(CslCorpus.technicalFieldOf(p.discipline()));
    }

    /** A 128-bit MD5 digest of a document. */
    private record Digest(long high, long low) {
        /**
         * An achievement by its text alone, so that no two achievements share their text, whatever their titles and
         * keywords; a demand (the first sentence or two of a paper) by its title, text and keywords.
         */
        static Digest of(Item item) {
            try {
                MessageDigest md5 = MessageDigest.getInstance("MD5");
                String key = item.kind() == Item.Kind.ACHIEVEMENT ? item.kind() + "\u0001" + item.text() : text(item);
                md5.update(key.getBytes(StandardCharsets.UTF_8));
                ByteBuffer b = ByteBuffer.wrap(md5.digest());
                return new Digest(b.getLong(), b.getLong());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        static String text(Item item) {
            return item.kind() + "\u0001" + item.title() + "\u0001" + item.text() + "\u0001"
                    + String.join("\u0002", item.keywords());
        }
    }

    // ---- the corpus report ----------------------------------------------------------------------------------------

    /**
     * Prints how the synthetic corpus compares with the real 2,000 papers, as Markdown: duplicates, lengths, and the
     * document-frequency curve of CJK bigrams (the bigram fields' analyzer) and SmartCN words (the SmartCN field's
     * analyzer), over title, text and keywords; also for the generator this class had until 2026-12-07 (each document
     * the title and sentences of one paper plus a sentence and a keyword of any other), for comparison.
     *
     * <p>Usage: {@code Corpus <sizes, e.g. 10000,100000> [seed, default 42]}
     */
    public static void main(String[] args) throws IOException {
        int[] sizes = Arrays.stream((args.length > 0 ? args[0] : "10000,100000").split(",")).mapToInt(Integer::parseInt)
                .toArray();
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 42;
        Corpus corpus = new Corpus();
        Analyzer analyzer = Analyzers.create();
        List<Named> corpora = new ArrayList<>();
        List<CslCorpus.Paper> real = corpus.papers;
        corpora.add(new Named("real CSL papers, first 1,000", () -> real.subList(0, 1000).stream()
                .map(p -> new Doc(p.title(), p.abstractText(), p.keywords())).iterator(), 1000));
        corpora.add(new Named("real CSL papers, all 2,000", () -> real.stream()
                .map(p -> new Doc(p.title(), p.abstractText(), p.keywords())).iterator(), real.size()));
        Map<String, Generator> generators = new HashMap<>();
        for (int size : sizes) {
            String name = String.format(Locale.ROOT, "synthetic, %,d (seed %d)", size, seed);
            corpora.add(new Named(name, () -> {
                Generator g = corpus.generator(seed);
                generators.put(name, g);
                return java.util.stream.Stream.generate(() -> {
                    Item i = g.achievement();
                    return new Doc(i.title(), i.text(), i.keywords());
                }).limit(size).iterator();
            }, size));
        }
        for (int size : sizes) {
            corpora.add(new Named(String.format(Locale.ROOT, "old generator, %,d (seed %d)", size, seed), () -> {
                Random r = new Random(seed);
                return java.util.stream.Stream.generate(() -> corpus.oldAchievement(r)).limit(size).iterator();
            }, size));
        }
        // The demands of the benchmarks' first 300 (seed 7 here): their whole query text, for the rows an OR matches.
        Generator demandGenerator = corpus.generator(7);
        List<Set<String>> demandBigrams = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            Item d = demandGenerator.demand();
            demandBigrams.add(new HashSet<>(terms(analyzer, IndexSchema.TEXT_BI, PostgresComparisonBenchmark.queryText(d))));
        }

        System.out.println("| corpus | documents | identical documents | distinct titles | distinct texts | mean characters "
                + "(title + text + keywords) | mean keywords | draws redrawn by the generator (identical or too close) "
                + "| documents with a near-copy: same title, bigram Jaccard ≥ 0.8 | … ≥ 0.5 |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        for (Named c : corpora) {
            Set<String> docs = new HashSet<>();
            Set<String> titles = new HashSet<>();
            Set<String> texts = new HashSet<>();
            long chars = 0;
            long keywords = 0;
            int duplicates = 0;
            // Each document's distinct bigrams (as sorted hashes), by title: near-copies are looked for among the
            // documents that share a title, which is where either generator makes them.
            Map<String, List<int[]>> byTitle = new HashMap<>();
            for (var it = c.docs().get(); it.hasNext(); ) {
                Doc d = it.next();
                byTitle.computeIfAbsent(d.title(), t -> new ArrayList<>()).add(new HashSet<>(terms(analyzer,
                        IndexSchema.TEXT_BI, d.all())).stream().mapToInt(String::hashCode).sorted().distinct().toArray());
                if (!docs.add(d.title() + "\u0001" + d.text() + "\u0001" + String.join("\u0002", d.keywords()))) {
                    duplicates++;
                }
                titles.add(d.title());
                texts.add(d.text());
                chars += d.title().length() + d.text().length() + String.join("；", d.keywords()).length();
                keywords += d.keywords().size();
            }
            int near8 = 0;
            int near5 = 0;
            for (List<int[]> group : byTitle.values()) {
                for (int i = 0; i < group.size(); i++) {
                    double best = 0;
                    for (int j = 0; j < group.size() && best < 0.8; j++) {
                        if (i != j) {
                            best = Math.max(best, jaccard(group.get(i), group.get(j)));
                        }
                    }
                    near8 += best >= 0.8 ? 1 : 0;
                    near5 += best >= 0.5 ? 1 : 0;
                }
            }
            Generator g = generators.get(c.name());
            System.out.printf(Locale.ROOT, "| %s | %,d | **%,d** | %,d | %,d | %.0f | %.1f | %s | %.1f %% | %.1f %% |%n",
                    c.name(), c.size(), duplicates, titles.size(), texts.size(), chars / (double) c.size(),
                    keywords / (double) c.size(), g == null ? "–" : String.format(Locale.ROOT, "%,d", g.redrawn()),
                    100.0 * near8 / c.size(), 100.0 * near5 / c.size());
        }
        for (String family : List.of(IndexSchema.TEXT_BI, IndexSchema.HEAD_ZH)) {
            String what = family.equals(IndexSchema.TEXT_BI) ? "CJK bigrams" : "SmartCN words";
            System.out.printf(Locale.ROOT, "%n#### Document frequency of %s (title + text + keywords)%n%n", what);
            System.out.println("| corpus | distinct terms | per document | terms in ≤ 5 documents | in ≥ 1 % of documents "
                    + "| in ≥ 10 % | in ≥ 50 % | share of a document's terms in ≥ 10 % of documents"
                    + (family.equals(IndexSchema.TEXT_BI) ? " | documents an OR of all of a demand's bigrams matches "
                            + "| … of its bigrams in ≤ 10 % of documents" : "") + " |");
            System.out.println("|---|---|---|---|---|---|---|---|" + (family.equals(IndexSchema.TEXT_BI) ? "---|---|" : ""));
            Map<String, String> tops = new LinkedHashMap<>();
            for (Named c : corpora) {
                Map<String, int[]> df = new HashMap<>();
                long perDoc = 0;
                for (var it = c.docs().get(); it.hasNext(); ) {
                    Set<String> distinct = new HashSet<>(terms(analyzer, family, it.next().all()));
                    perDoc += distinct.size();
                    for (String t : distinct) {
                        df.computeIfAbsent(t, k -> new int[1])[0]++;
                    }
                }
                int n = c.size();
                long rare = df.values().stream().filter(v -> v[0] <= 5).count();
                long p1 = df.values().stream().filter(v -> v[0] >= 0.01 * n).count();
                long p10 = df.values().stream().filter(v -> v[0] >= 0.10 * n).count();
                long p50 = df.values().stream().filter(v -> v[0] >= 0.50 * n).count();
                // Second pass: the share of each document's distinct terms that are in ≥ 10 % of the documents, and
                // which documents the demands' OR queries match.
                double commonShare = 0;
                long[] matchedAll = new long[demandBigrams.size()];
                long[] matchedRare = new long[demandBigrams.size()];
                boolean bigrams = family.equals(IndexSchema.TEXT_BI);
                Map<String, List<Integer>> demandsOf = new HashMap<>();
                if (bigrams) {
                    for (int q = 0; q < demandBigrams.size(); q++) {
                        for (String t : demandBigrams.get(q)) {
                            demandsOf.computeIfAbsent(t, k -> new ArrayList<>()).add(q);
                        }
                    }
                }
                boolean[] all = new boolean[demandBigrams.size()];
                boolean[] rareHit = new boolean[demandBigrams.size()];
                for (var it = c.docs().get(); it.hasNext(); ) {
                    Set<String> distinct = new HashSet<>(terms(analyzer, family, it.next().all()));
                    int common = 0;
                    Arrays.fill(all, false);
                    Arrays.fill(rareHit, false);
                    for (String t : distinct) {
                        boolean isCommon = df.get(t)[0] >= 0.10 * n;
                        if (isCommon) {
                            common++;
                        }
                        List<Integer> qs = bigrams ? demandsOf.get(t) : null;
                        if (qs != null) {
                            for (int q : qs) {
                                all[q] = true;
                                rareHit[q] |= !isCommon;
                            }
                        }
                    }
                    commonShare += distinct.isEmpty() ? 0 : common / (double) distinct.size();
                    for (int q = 0; q < all.length; q++) {
                        matchedAll[q] += all[q] ? 1 : 0;
                        matchedRare[q] += rareHit[q] ? 1 : 0;
                    }
                }
                System.out.printf(Locale.ROOT, "| %s | %,d | %.0f | %.1f %% | %.2f %% (%,d) | %.3f %% (%,d) | %.4f %% (%,d) | %.1f %%%s |%n",
                        c.name(), df.size(), perDoc / (double) n, 100.0 * rare / df.size(), 100.0 * p1 / df.size(), p1,
                        100.0 * p10 / df.size(), p10, 100.0 * p50 / df.size(), p50, 100 * commonShare / n,
                        bigrams ? String.format(Locale.ROOT, " | %.1f %% | %.1f %%",
                                100 * Arrays.stream(matchedAll).average().orElse(0) / n,
                                100 * Arrays.stream(matchedRare).average().orElse(0) / n) : "");
                StringBuilder top = new StringBuilder();
                df.entrySet().stream().sorted(Comparator.comparingInt((Map.Entry<String, int[]> e) -> -e.getValue()[0])
                                .thenComparing(Map.Entry::getKey)).limit(10)
                        .forEach(e -> top.append(String.format(Locale.ROOT, "%s %.1f %%, ", e.getKey(), 100.0 * e.getValue()[0] / n)));
                tops.put(c.name(), top.substring(0, top.length() - 2));
            }
            System.out.printf(Locale.ROOT, "%nThe 10 most frequent %s, share of documents:%n%n", what);
            tops.forEach((name, top) -> System.out.printf(Locale.ROOT, "- %s: %s%n", name, top));
        }
    }

    /** Jaccard similarity of two sorted sets of ints. */
    private static double jaccard(int[] a, int[] b) {
        int i = 0;
        int j = 0;
        int both = 0;
        while (i < a.length && j < b.length) {
            if (a[i] == b[j]) {
                both++;
                i++;
                j++;
            } else if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        int union = a.length + b.length - both;
        return union == 0 ? 0 : both / (double) union;
    }

    private record Doc(String title, String text, List<String> keywords) {
        String all() {
            return title + "\n" + text + "\n" + String.join("；", keywords);
        }
    }

    private record Named(String name, Supplier<java.util.Iterator<Doc>> docs, int size) {
    }

    private static List<String> terms(Analyzer analyzer, String field, String text) throws IOException {
        List<String> out = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                out.add(term.toString());
            }
            stream.end();
        }
        return out;
    }

    /** The generator before 2026-12-07, for the report only: one paper's title, keywords and sentences (drawn with repetition), one sentence and keyword of any other paper. */
    private Doc oldAchievement(Random random) {
        int a = random.nextInt(papers.size());
        int b = random.nextInt(papers.size());
        CslCorpus.Paper p = papers.get(a);
        List<String> own = oldSentences(a);
        StringBuilder text = new StringBuilder();
        int take = 1 + random.nextInt(Math.max(1, own.size()));
        for (int i = 0; i < take; i++) {
            text.append(own.get(random.nextInt(own.size())));
        }
        List<String> other = oldSentences(b);
        text.append(other.get(random.nextInt(other.size())));
        List<String> keywords = new ArrayList<>(p.keywords());
        if (!papers.get(b).keywords().isEmpty()) {
            keywords.add(papers.get(b).keywords().get(random.nextInt(papers.get(b).keywords().size())));
        }
        return new Doc(p.title(), text.toString(), keywords);
    }

    private final Map<Integer, List<String>> oldSentences = new java.util.concurrent.ConcurrentHashMap<>();

    private List<String> oldSentences(int paper) {
        return oldSentences.computeIfAbsent(paper, i -> {
            List<String> parts = new ArrayList<>();
            String text = papers.get(i).abstractText();
            for (String s : text.split("(?<=[。.；;！？])")) {
                if (s.strip().length() > 4) {
                    parts.add(s.strip());
                }
            }
            return parts.isEmpty() ? List.of(text) : parts;
        });
    }
}
