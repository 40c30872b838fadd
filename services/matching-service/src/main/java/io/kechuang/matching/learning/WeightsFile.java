package io.kechuang.matching.learning;

import io.kechuang.matching.scoring.ScoringConfig;
import io.kechuang.matching.scoring.ScoringConfig.Bands;
import io.kechuang.matching.scoring.ScoringConfig.Ranking;
import io.kechuang.matching.scoring.ScoringConfig.Weights;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The scoring configuration file that the refit writes and the service loads at start-up
 * ({@code kechuang.matching.scoring.weights-file}): both rankings' eight feature weights and two band cut-offs, as
 * properties ({@code lexical.text=0.87}, …, {@code hybrid.band.possible=0.3089}). Reading validates it whole: every
 * key present and no other, every value a number in [0,1], each ranking's weights summing to 1, the lexical ranking
 * without a semantic weight (it has no vectors), and STRONG's cut-off not below POSSIBLE's. Anything else is an
 * {@link IllegalStateException} naming the file and what is wrong, so the service does not start on it.
 */
public final class WeightsFile {

    private static final List<String> WEIGHTS = List.of("text", "semantic", "field", "ipc", "maturity", "cooperation",
            "budget", "region");
    private static final List<String> RANKINGS = List.of("lexical", "hybrid");

    /** What a file holds. */
    public record Rankings(Ranking lexical, Ranking hybrid) {

        public ScoringConfig applyTo(ScoringConfig config) {
            return config.withLexical(lexical).withHybrid(hybrid);
        }
    }

    private WeightsFile() {
    }

    public static Rankings read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Scoring weights file " + file + " cannot be read: " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    public static Rankings parse(String text, String source) {
        Properties p = new Properties();
        try (Reader r = new StringReader(text)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            throw invalid(source, "not a properties file (" + e.getMessage() + ")");
        }
        List<String> problems = new ArrayList<>();
        Set<String> expected = new TreeSet<>();
        for (String ranking : RANKINGS) {
            for (String w : WEIGHTS) {
                expected.add(ranking + "." + w);
            }
            expected.add(ranking + ".band.strong");
            expected.add(ranking + ".band.possible");
        }
        for (String key : new TreeSet<>(p.stringPropertyNames())) {
            if (!expected.contains(key)) {
                problems.add("unknown key " + key);
            }
        }
        double[][] values = new double[2][10];
        for (int r = 0; r < 2; r++) {
            for (int i = 0; i < 10; i++) {
                String key = RANKINGS.get(r) + "." + (i < 8 ? WEIGHTS.get(i) : i == 8 ? "band.strong" : "band.possible");
                String raw = p.getProperty(key);
                if (raw == null) {
                    problems.add("missing " + key);
                    continue;
                }
                try {
                    values[r][i] = Double.parseDouble(raw.trim());
                } catch (NumberFormatException e) {
                    problems.add(key + " is not a number: " + raw);
                    continue;
                }
                if (!(values[r][i] >= 0 && values[r][i] <= 1)) {
                    problems.add(key + " must lie in [0,1], got " + raw.trim());
                }
            }
        }
        if (!problems.isEmpty()) {
            throw invalid(source, String.join("; ", problems));
        }
        Ranking[] rankings = new Ranking[2];
        for (int r = 0; r < 2; r++) {
            double[] v = values[r];
            double sum = 0;
            for (int i = 0; i < 8; i++) {
                sum += v[i];
            }
            if (Math.abs(sum - 1.0) > 1e-6) {
                problems.add(String.format(Locale.ROOT, "the %s weights must sum to 1, got %.6f", RANKINGS.get(r), sum));
            }
            if (v[8] < v[9]) {
                problems.add(String.format(Locale.ROOT, "%s.band.strong (%s) must not be below %s.band.possible (%s)",
                        RANKINGS.get(r), v[8], RANKINGS.get(r), v[9]));
            }
            if (problems.isEmpty()) {
                rankings[r] = new Ranking(new Weights(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]),
                        new Bands(v[8], v[9]));
            }
        }
        if (values[0][1] != 0) {
            problems.add("lexical.semantic must be 0: the lexical ranking is the one without vectors");
        }
        if (!problems.isEmpty()) {
            throw invalid(source, String.join("; ", problems));
        }
        return new Rankings(rankings[0], rankings[1]);
    }

    /** The file's text: a comment (what wrote it, from what), then the twenty values. */
    public static String format(Rankings rankings, List<String> comment) {
        StringBuilder out = new StringBuilder();
        for (String line : comment) {
            out.append("# ").append(line).append('\n');
        }
        append(out, "lexical", rankings.lexical());
        append(out, "hybrid", rankings.hybrid());
        return out.toString();
    }

    public static void write(Path file, Rankings rankings, List<String> comment) throws IOException {
        String text = format(rankings, comment);
        parse(text, file.toString()); // never write what the service would refuse
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static void append(StringBuilder out, String name, Ranking r) {
        Weights w = r.weights();
        double[] v = {w.text(), w.semantic(), w.field(), w.ipc(), w.maturity(), w.cooperation(), w.budget(), w.region()};
        for (int i = 0; i < 8; i++) {
            out.append(name).append('.').append(WEIGHTS.get(i)).append('=').append(v[i]).append('\n');
        }
        out.append(name).append(".band.strong=").append(r.bands().strong()).append('\n');
        out.append(name).append(".band.possible=").append(r.bands().possible()).append('\n');
    }

    private static IllegalStateException invalid(String source, String what) {
        return new IllegalStateException("Scoring weights file " + source
                + " (kechuang.matching.scoring.weights-file) is invalid: " + what);
    }
}
