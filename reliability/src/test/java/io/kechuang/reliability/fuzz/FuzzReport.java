package io.kechuang.reliability.fuzz;

import io.kechuang.reliability.fuzz.FuzzRequest.Mode;
import io.kechuang.reliability.fuzz.FuzzRunner.Outcome;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** The figures of a run: totals, reach, statuses per mode and per operation, and every failure. */
final class FuzzReport {

    private static final int SHOWN_FAILURES = 40;

    private final FuzzSettings settings;
    private final List<Outcome> outcomes;
    private final Map<String, Integer> fixtures;
    private final long seconds;

    FuzzReport(FuzzSettings settings, List<Outcome> outcomes, Map<String, Integer> fixtures, long seconds) {
        this.settings = settings;
        this.outcomes = List.copyOf(outcomes);
        this.fixtures = fixtures;
        this.seconds = seconds;
    }

    int requests() {
        return outcomes.size();
    }

    long reached() {
        return outcomes.stream().filter(Outcome::reached).count();
    }

    double reachedShare() {
        return outcomes.isEmpty() ? 0 : (double) reached() / outcomes.size();
    }

    List<Outcome> serverErrors() {
        return outcomes.stream().filter(Outcome::serverError).toList();
    }

    List<Outcome> notProblems() {
        return outcomes.stream().filter(o -> o.problemError().isPresent()).toList();
    }

    String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("# Fuzz report\n\n");
        sb.append(String.format("Seed **%d** (replay: `-Dfuzz.seed=%d -Dfuzz.requests=%d`), %d requests through the "
                + "gateway from %d threads in %d s.%n%n", settings.seed(), settings.seed(), settings.requests(),
                requests(), settings.threads(), seconds));
        sb.append(String.format("- Reached the handler: **%d of %d (%.1f %%)** (see `Verdict`: below 400, or 404 with "
                + "well-formed path parameters, 409, 410, 412).%n", reached(), requests(), 100 * reachedShare()));
        sb.append(String.format("- 5xx or no answer: **%d**.%n", serverErrors().size()));
        sb.append(String.format("- Errors without a valid RFC 9457 problem+json body: **%d**.%n%n", notProblems().size()));
        sb.append("| mode | requests | reached | statuses |\n|---|---:|---:|---|\n");
        for (Mode m : Mode.values()) {
            row(sb, m.name().toLowerCase(), o -> o.request().mode() == m);
        }
        row(sb, "**all**", o -> true);
        sb.append("\nRecords made first through the gateway: ").append(fixtures.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "))).append(".\n");
        failures(sb, "5xx or no answer", serverErrors());
        failures(sb, "Errors that are not problems", notProblems());
        sb.append("\n## Statuses per operation\n\n| operation | requests | reached | statuses |\n|---|---:|---:|---|\n");
        Map<String, List<Outcome>> byOp = new TreeMap<>(outcomes.stream()
                .collect(Collectors.groupingBy(o -> o.request().operation())));
        byOp.forEach((op, list) -> row(sb, "`" + op + "`", o -> o.request().operation().equals(op)));
        return sb.toString();
    }

    /** Totals and the statuses per mode, for the console. */
    String summary() {
        String md = markdown();
        return md.substring(0, md.indexOf("\n## Statuses per operation"));
    }

    private void row(StringBuilder sb, String name, Predicate<Outcome> which) {
        List<Outcome> list = outcomes.stream().filter(which).toList();
        long reached = list.stream().filter(Outcome::reached).count();
        Map<Integer, Long> statuses = new TreeMap<>(list.stream()
                .collect(Collectors.groupingBy(Outcome::status, Collectors.counting())));
        sb.append(String.format("| %s | %d | %d (%.0f %%) | %s |%n", name, list.size(), reached,
                list.isEmpty() ? 0.0 : 100.0 * reached / list.size(), statuses.entrySet().stream()
                        .map(e -> (e.getKey() < 0 ? "none" : e.getKey()) + "×" + e.getValue())
                        .collect(Collectors.joining(" "))));
    }

    private static void failures(StringBuilder sb, String title, List<Outcome> list) {
        if (list.isEmpty()) {
            return;
        }
        sb.append("\n## ").append(title).append(" (").append(list.size()).append(")\n\n");
        for (Outcome o : list.subList(0, Math.min(SHOWN_FAILURES, list.size()))) {
            sb.append("- ").append(o.status()).append(' ').append(o.request().describe().replace("|", "\\|"))
                    .append(o.problemError().map(p -> " — " + p).orElse(""))
                    .append(o.excerpt().isEmpty() ? "" : " — `" + o.excerpt().replace("`", "'").replace("\n", " ")
                            + "`").append('\n');
        }
    }
}
