package io.kechuang.bench.relevance.handjudged;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed set is consistent with itself, and the qrels check catches what it must. */
class HandJudgedTest {

    private static final Path DIR = HandJudged.DEFAULT_DIR;

    @Test
    void everyDemandHasASplitAndAPoolThatIsExactlyTheUnionOfTheRunsTop20() {
        List<HandJudged.Demand> demands = HandJudged.demands(DIR);
        Map<String, String> split = HandJudged.split(DIR);
        Map<String, HandJudged.Run> runs = HandJudged.runs(DIR);
        assertTrue(demands.size() >= 64, "demands: " + demands.size());
        assertEquals(demands.stream().map(HandJudged.Demand::id).collect(Collectors.toSet()), split.keySet());
        assertTrue(runs.size() >= 4, "runs: " + runs.keySet());
        Map<String, Map<String, List<String>>> ranked = new LinkedHashMap<>();
        runs.forEach((name, run) -> ranked.put(name, run.ranked()));
        for (HandJudged.Demand d : demands) {
            List<String> pool = HandJudged.pool(DIR, d.id());
            assertEquals(new HashSet<>(pool).size(), pool.size(), d.id() + " pool has duplicates");
            assertEquals(new TreeSet<>(HandJudgedPool.poolOf(d.id(), ranked)), new TreeSet<>(pool), d.id());
            assertEquals(HandJudgedPool.poolOf(d.id(), ranked), pool, d.id() + " pool is not in its seeded order");
        }
    }

    @Test
    void demandsAreWellFormedAndNoPoolLineNamesARankerOrScore() throws IOException {
        Set<String> ids = new HashSet<>();
        for (HandJudged.Demand d : HandJudged.demands(DIR)) {
            assertTrue(d.id().matches("d\\d{3}"), d.id());
            assertTrue(ids.add(d.id()), "duplicate " + d.id());
            assertTrue(d.language().equals("zh") || d.language().equals("en"), d.id());
            assertFalse(d.title().isBlank() || d.problemStatement().isBlank() || d.notes().isBlank(), d.id());
            assertFalse(d.keywords().isEmpty(), d.id());
        }
        for (String line : Files.readAllLines(DIR.resolve("pool/d001.jsonl"), StandardCharsets.UTF_8)) {
            assertTrue(line.startsWith("{\"paper\":\"csl-"), line);
            assertFalse(line.contains("\"rank\"") || line.contains("\"score\"") || line.contains("\"ranker\""), line);
        }
    }

    @Test
    void qrelsCheckFindsMissingCandidatesStrangersDuplicatesAndMissingReasons(@TempDir Path tmp) throws IOException {
        Files.createDirectories(tmp.resolve("pool"));
        Files.createDirectories(tmp.resolve("qrels"));
        Files.writeString(tmp.resolve("pool/d001.jsonl"), """
                {"paper":"csl-0001","title":"a","abstract":"x","keywords":[]}
                {"paper":"csl-0002","title":"b","abstract":"y","keywords":[]}
                {"paper":"csl-0003","title":"c","abstract":"z","keywords":[]}
                """);
        Set<String> known = Set.of("d001");
        Files.writeString(tmp.resolve("qrels/d001.tsv"), "d001\tcsl-0001\t2\tsolves it\nd001\tcsl-0002\t0\t\n"
                + "# a comment\nd001\tcsl-0003\t1\tone part of it\n");
        assertEquals(List.of(), QrelsCheck.problems(tmp, "d001", known));

        Files.writeString(tmp.resolve("qrels/d001.tsv"), "d001\tcsl-0001\t2\t\nd001\tcsl-0001\t0\t\n"
                + "d001\tcsl-0009\t0\t\nd002\tcsl-0002\t3\tx\n");
        List<String> problems = QrelsCheck.problems(tmp, "d001", known);
        String all = String.join("\n", problems);
        assertTrue(all.contains("csl-0001 has grade 2 but no reason"), all);
        assertTrue(all.contains("csl-0001 is judged twice"), all);
        assertTrue(all.contains("csl-0009 is not in the pool"), all);
        assertTrue(all.contains("demand d002 in the file of d001"), all);
        assertTrue(all.contains("grade 3"), all);
        assertTrue(all.contains("not judged: csl-0003"), all);
    }
}
