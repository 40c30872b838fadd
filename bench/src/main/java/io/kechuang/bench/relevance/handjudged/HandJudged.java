package io.kechuang.bench.relevance.handjudged;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The hand-judged relevance set's files (folder {@code bench/src/main/resources/relevance/handjudged}, see its
 * README): demands, the tune/test split, the rankers' runs, the blind pools and the judges' qrels.
 *
 * <p>A paper is named by its key {@code csl-NNNN}: its 0-based line index in {@code csl-2000.jsonl}.
 */
public final class HandJudged {

    /** The set's folder, relative to the bench module (the working directory of {@code mvn -pl bench exec:exec}). */
    public static final Path DEFAULT_DIR = Path.of("src/main/resources/relevance/handjudged");

    public static final String TUNE = "tune";
    public static final String TEST = "test";

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    private HandJudged() {
    }

    /**
     * One demand, with the fields the demand service takes, plus {@code traits} ({@code cross-field}: its best
     * answers are expected in another technical field than the one the enterprise chose; {@code vague}: colloquial or
     * vague wording) and {@code notes} (what a good answer would be, written before pooling, for the judges'
     * calibration). No ranker may read {@code traits} or {@code notes}.
     */
    public record Demand(String id, String language, String title, String problemStatement,
            List<String> technicalIndicators, List<String> keywords, String technicalField, Integer minTrl,
            List<String> cooperationModes, String region, List<String> traits, String notes) {

        public Demand {
            technicalIndicators = technicalIndicators == null ? List.of() : List.copyOf(technicalIndicators);
            keywords = keywords == null ? List.of() : List.copyOf(keywords);
            cooperationModes = cooperationModes == null ? List.of() : List.copyOf(cooperationModes);
            traits = traits == null ? List.of() : List.copyOf(traits);
        }

        public boolean english() {
            return "en".equals(language);
        }

        /** The demand's whole text as a plain baseline queries it: title, problem, indicators, keywords. */
        public String fullText() {
            List<String> parts = new ArrayList<>();
            parts.add(title);
            if (problemStatement != null && !problemStatement.isBlank()) {
                parts.add(problemStatement);
            }
            parts.addAll(technicalIndicators);
            if (!keywords.isEmpty()) {
                parts.add(String.join(english() ? ", " : "、", keywords));
            }
            return String.join("\n", parts);
        }

        /** The demand's problem statement and indicators: the text the demand service gives the matcher. */
        public String serviceText() {
            List<String> parts = new ArrayList<>();
            if (problemStatement != null && !problemStatement.isBlank()) {
                parts.add(problemStatement.strip());
            }
            technicalIndicators.forEach(s -> parts.add(s.strip()));
            return String.join("\n", parts);
        }
    }

    public static String paperKey(int index) {
        return String.format(Locale.ROOT, "csl-%04d", index);
    }

    public static int paperIndex(String key) {
        if (!key.matches("csl-\\d{4}")) {
            throw new IllegalArgumentException("not a paper key: " + key);
        }
        return Integer.parseInt(key.substring(4));
    }

    /**
     * {@code name} in {@code dir}, or in its parent when {@code dir} is a sub-collection (such as
     * {@code en-achievements/}) that shares the set's demands and split.
     */
    static Path shared(Path dir, String name) {
        Path own = dir.resolve(name);
        return Files.exists(own) || dir.getParent() == null ? own : dir.getParent().resolve(name);
    }

    /** The index id of the first {@code papers} CSL papers → their paper key. */
    public static Map<String, String> keyOfUuid(int papers) {
        Map<String, String> out = new java.util.HashMap<>();
        for (int i = 0; i < papers; i++) {
            out.put(io.kechuang.bench.relevance.Evaluated.idOf(i), paperKey(i));
        }
        return out;
    }

    /** The demands of {@code part} (tune or test) with at least one relevant paper, as the evaluation uses them. */
    public static List<Demand> judged(List<Demand> demands, Map<String, String> split,
            Map<String, Map<String, Integer>> qrels, String part) {
        return demands.stream().filter(d -> part.equals(split.get(d.id())))
                .filter(d -> qrels.getOrDefault(d.id(), Map.of()).values().stream().anyMatch(g -> g >= 1)).toList();
    }

    public static List<Demand> demands(Path dir) {
        List<Demand> out = new ArrayList<>();
        try {
            int n = 0;
            for (String line : Files.readAllLines(shared(dir, "demands.jsonl"), StandardCharsets.UTF_8)) {
                n++;
                if (!line.isBlank()) {
                    try {
                        out.add(JSON.readValue(line, Demand.class));
                    } catch (IOException e) {
                        throw new IllegalArgumentException("demands.jsonl line " + n + ": " + e.getMessage(), e);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(out);
    }

    /** Demand id → {@value #TUNE} or {@value #TEST}, from {@code split.tsv}. */
    public static Map<String, String> split(Path dir) {
        Map<String, String> out = new TreeMap<>();
        for (String[] row : tsv(shared(dir, "split.tsv"), 2)) {
            if (!row[1].equals(TUNE) && !row[1].equals(TEST)) {
                throw new IllegalArgumentException("split.tsv: " + row[0] + " is neither tune nor test: " + row[1]);
            }
            out.put(row[0], row[1]);
        }
        return out;
    }

    /**
     * One ranker's run: its ranked lists (demand id → paper keys, best first; a demand it found nothing for has an
     * empty list) and the languages of the demands it applies to.
     */
    public record Run(String name, String description, Set<String> languages, Map<String, List<String>> ranked) {

        public boolean appliesTo(Demand d) {
            return languages.contains(d.language());
        }

        public List<String> ranking(String demand) {
            return ranked.getOrDefault(demand, List.of());
        }
    }

    /**
     * A run file: comment lines {@code # <name>: <description>} and {@code # languages: zh,en}, then lines
     * {@code demand id, rank, paper key}.
     */
    public static Run run(Path file) {
        String name = file.getFileName().toString().replaceFirst("\\.tsv$", "");
        String description = "";
        Set<String> languages = new TreeSet<>(Set.of("zh", "en"));
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.startsWith("# languages:")) {
                    languages = new TreeSet<>(List.of(line.substring("# languages:".length()).strip().split("\\s*,\\s*")));
                } else if (line.startsWith("# " + name + ":")) {
                    description = line.substring(("# " + name + ":").length()).strip();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Map<Integer, String>> byRank = new TreeMap<>();
        for (String[] row : tsv(file, 3)) {
            byRank.computeIfAbsent(row[0], k -> new TreeMap<>()).put(Integer.parseInt(row[1]), row[2]);
        }
        Map<String, List<String>> ranked = new LinkedHashMap<>();
        byRank.forEach((demand, lists) -> ranked.put(demand, List.copyOf(lists.values())));
        return new Run(name, description, Set.copyOf(languages), ranked);
    }

    /** Every {@code runs/*.tsv}, by ranker name (the file name without .tsv). */
    public static Map<String, Run> runs(Path dir) {
        Map<String, Run> out = new TreeMap<>();
        Path runs = dir.resolve("runs");
        if (!Files.isDirectory(runs)) {
            return out;
        }
        try (Stream<Path> files = Files.list(runs)) {
            files.filter(p -> p.getFileName().toString().endsWith(".tsv")).sorted().forEach(p -> {
                Run run = run(p);
                out.put(run.name(), run);
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** One pooled candidate as the judge reads it. */
    public record Candidate(String paper, String title, String abstractText, List<String> keywords) {
    }

    /** The paper keys of {@code pool/<demand>.jsonl}, in file order; empty if there is no pool file. */
    public static List<String> pool(Path dir, String demand) {
        Path file = dir.resolve("pool").resolve(demand + ".jsonl");
        if (!Files.exists(file)) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    out.add(JSON.readTree(line).get("paper").asText());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    public static String candidateJson(Candidate c) {
        try {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("paper", c.paper());
            m.put("title", c.title());
            m.put("abstract", c.abstractText());
            m.put("keywords", c.keywords());
            return JSON.writeValueAsString(m);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One line of a qrels file. */
    public record Judgement(String demand, String paper, int grade, String reason, int line) {
    }

    /**
     * The lines of {@code qrels/<demand>.tsv} ({@code demand id, paper key, grade, reason}); the reason may be empty
     * for grade 0. Blank lines and lines starting with {@code #} are skipped. Throws on a malformed line.
     */
    public static List<Judgement> judgements(Path file) {
        List<Judgement> out = new ArrayList<>();
        for (Row row : rows(file)) {
            String[] f = row.fields();
            if (f.length < 3 || f.length > 4) {
                throw new IllegalArgumentException(file.getFileName() + " line " + row.line()
                        + ": expected 4 tab-separated fields (demand, paper, grade, reason), got " + f.length);
            }
            int grade;
            try {
                grade = Integer.parseInt(f[2].strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(file.getFileName() + " line " + row.line() + ": grade is not 0, 1 or 2: " + f[2]);
            }
            out.add(new Judgement(f[0].strip(), f[1].strip(), grade, f.length == 4 ? f[3].strip() : "", row.line()));
        }
        return out;
    }

    /** Every {@code qrels/*.tsv}: demand id → paper key → grade (files are not checked here; see {@link QrelsCheck}). */
    public static Map<String, Map<String, Integer>> qrels(Path dir) {
        Map<String, Map<String, Integer>> out = new TreeMap<>();
        Path qrels = dir.resolve("qrels");
        if (!Files.isDirectory(qrels)) {
            return out;
        }
        try (Stream<Path> files = Files.list(qrels)) {
            for (Path p : files.filter(p -> p.getFileName().toString().endsWith(".tsv")).sorted().toList()) {
                for (Judgement j : judgements(p)) {
                    out.computeIfAbsent(j.demand(), k -> new LinkedHashMap<>()).put(j.paper(), j.grade());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static List<String[]> tsv(Path file, int columns) {
        List<String[]> out = new ArrayList<>();
        for (Row row : rows(file)) {
            if (row.fields().length != columns) {
                throw new IllegalArgumentException(file.getFileName() + " line " + row.line() + ": expected " + columns
                        + " tab-separated fields, got " + row.fields().length);
            }
            out.add(row.fields());
        }
        return out;
    }

    /** A line of a tab-separated file: its number (from 1) and its fields. */
    private record Row(int line, String[] fields) {
    }

    /** The tab-separated lines of {@code file}, skipping blank lines and lines starting with {@code #}. */
    private static List<Row> rows(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Row> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.isBlank() && !line.startsWith("#")) {
                out.add(new Row(i + 1, line.split("\t", -1)));
            }
        }
        return out;
    }
}
