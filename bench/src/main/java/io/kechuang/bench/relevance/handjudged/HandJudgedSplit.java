package io.kechuang.bench.relevance.handjudged;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Writes {@code split.tsv}: every demand to {@code tune} or {@code test}, stratified by language and, within a
 * language, by traits ({@code cross-field}, {@code vague}, both or neither), so that each part holds its share of
 * the hard demands. Per language, the strata in name order, each one's sorted ids shuffled with one
 * {@code new Random(SEED)}, are concatenated; then the demands go alternately to {@code tune} and {@code test}.
 * Run once, when the demands are frozen, and committed with them; never re-run after tuning began.
 *
 * <p>Usage: {@code HandJudgedSplit [folder, default bench/src/main/resources/relevance/handjudged]}
 */
public final class HandJudgedSplit {

    public static final long SEED = 20261222L;

    public static void main(String[] args) throws IOException {
        Path dir = args.length > 0 ? Path.of(args[0]) : HandJudged.DEFAULT_DIR;
        Map<String, Map<String, List<String>>> strata = new TreeMap<>();
        for (HandJudged.Demand d : HandJudged.demands(dir)) {
            String traits = d.traits().stream().sorted().reduce((a, b) -> a + "+" + b).orElse("plain");
            strata.computeIfAbsent(d.language(), k -> new TreeMap<>()).computeIfAbsent(traits, k -> new ArrayList<>())
                    .add(d.id());
        }
        Map<String, String> split = new TreeMap<>();
        Random random = new Random(SEED);
        for (Map.Entry<String, Map<String, List<String>>> language : strata.entrySet()) {
            List<String> ordered = new ArrayList<>();
            for (List<String> stratum : language.getValue().values()) {
                List<String> ids = new ArrayList<>(stratum);
                Collections.sort(ids);
                Collections.shuffle(ids, random);
                ordered.addAll(ids);
            }
            for (int i = 0; i < ordered.size(); i++) {
                split.put(ordered.get(i), i % 2 == 0 ? HandJudged.TUNE : HandJudged.TEST);
            }
            System.out.printf("%s: %d demands, %d tune, %d test; strata %s%n", language.getKey(), ordered.size(),
                    (ordered.size() + 1) / 2, ordered.size() / 2, language.getValue().keySet());
        }
        StringBuilder out = new StringBuilder();
        split.forEach((id, part) -> out.append(id).append('\t').append(part).append('\n'));
        Files.writeString(dir.resolve("split.tsv"), out, StandardCharsets.UTF_8);
    }

    private HandJudgedSplit() {
    }
}
