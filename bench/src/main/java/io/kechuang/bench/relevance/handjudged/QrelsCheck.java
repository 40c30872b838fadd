package io.kechuang.bench.relevance.handjudged;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Checks judgement files: {@code qrels/<demand>.tsv} must hold exactly one line per candidate of
 * {@code pool/<demand>.jsonl} ({@code demand id, paper key, grade, reason}), every line naming that demand, a grade
 * of 0, 1 or 2, and a reason for every grade ≥ 1.
 *
 * <p>Usage: {@code QrelsCheck [folder] [demand ids, comma-separated or as further arguments]}; without ids, or
 * with {@code all}, every qrels file present is checked. Prints one line per file and the problems found; exits 1 if any file has a problem.
 */
public final class QrelsCheck {

    /** What is wrong with one qrels file; empty if nothing. */
    public static List<String> problems(Path dir, String demand, Set<String> knownDemands) {
        List<String> problems = new ArrayList<>();
        Path file = dir.resolve("qrels").resolve(demand + ".tsv");
        if (!knownDemands.contains(demand)) {
            problems.add("no demand " + demand + " in demands.jsonl");
        }
        if (!Files.exists(file)) {
            problems.add("no file qrels/" + demand + ".tsv");
            return problems;
        }
        List<String> pool = HandJudged.pool(dir, demand);
        if (pool.isEmpty()) {
            problems.add("no pool/" + demand + ".jsonl (or it is empty)");
        }
        List<HandJudged.Judgement> judgements;
        try {
            judgements = HandJudged.judgements(file);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
            return problems;
        }
        Set<String> seen = new HashSet<>();
        Set<String> inPool = new HashSet<>(pool);
        for (HandJudged.Judgement j : judgements) {
            String at = "line " + j.line() + ": ";
            if (!j.demand().equals(demand)) {
                problems.add(at + "demand " + j.demand() + " in the file of " + demand);
            }
            if (!seen.add(j.paper())) {
                problems.add(at + j.paper() + " is judged twice");
            }
            if (!inPool.contains(j.paper())) {
                problems.add(at + j.paper() + " is not in the pool of " + demand);
            }
            if (j.grade() < 0 || j.grade() > 2) {
                problems.add(at + "grade " + j.grade() + " (must be 0, 1 or 2)");
            }
            if (j.grade() >= 1 && j.reason().isBlank()) {
                problems.add(at + j.paper() + " has grade " + j.grade() + " but no reason");
            }
        }
        Set<String> missing = new LinkedHashSet<>(pool);
        missing.removeAll(seen);
        if (!missing.isEmpty()) {
            problems.add(missing.size() + " pooled candidates not judged: " + String.join(", ", missing));
        }
        return problems;
    }

    public static void main(String[] args) {
        Path dir = args.length > 0 ? Path.of(args[0]) : HandJudged.DEFAULT_DIR;
        Set<String> known = HandJudged.demands(dir).stream().map(HandJudged.Demand::id)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        List<String> ids = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            for (String id : args[i].split("[,\\s]+")) {
                if (!id.isBlank() && !id.equals("all")) {
                    ids.add(id.strip());
                }
            }
        }
        if (ids.isEmpty()) {
            Path qrels = dir.resolve("qrels");
            if (Files.isDirectory(qrels)) {
                try (var files = Files.list(qrels)) {
                    files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tsv")).sorted()
                            .forEach(n -> ids.add(n.substring(0, n.length() - 4)));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        }
        int bad = 0;
        Map<Integer, Integer> grades = new TreeMap<>();
        int pairs = 0;
        for (String id : ids) {
            List<String> problems = problems(dir, id, known);
            if (problems.isEmpty()) {
                List<HandJudged.Judgement> js = HandJudged.judgements(dir.resolve("qrels").resolve(id + ".tsv"));
                js.forEach(j -> grades.merge(j.grade(), 1, Integer::sum));
                pairs += js.size();
                Map<Integer, Long> g = js.stream().collect(Collectors.groupingBy(HandJudged.Judgement::grade,
                        TreeMap::new, Collectors.counting()));
                System.out.printf(Locale.ROOT, "OK   %s: %d pairs, grades %s%n", id, js.size(), g);
            } else {
                bad++;
                System.out.printf(Locale.ROOT, "FAIL %s:%n", id);
                problems.forEach(p -> System.out.println("       " + p));
            }
        }
        long without = known.stream().filter(id -> !Files.exists(dir.resolve("qrels").resolve(id + ".tsv"))).count();
        System.out.printf(Locale.ROOT, "%d files checked, %d with problems; %d pairs in the good ones, grades %s; "
                + "%d of %d demands have no qrels file yet%n", ids.size(), bad, pairs, grades, without, known.size());
        if (bad > 0) {
            System.exit(1);
        }
    }

    private QrelsCheck() {
    }

}
