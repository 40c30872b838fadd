package io.kechuang.reliability;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Every call's latency and outcome, by operation: the report's p50/p99 per call under faults. */
public final class Latencies {

    /** How one call ended: acknowledged (2xx), refused by the API (4xx), failed (5xx, timeout, no connection). */
    public enum Outcome { ACKNOWLEDGED, REFUSED, FAILED }

    private final Map<String, List<Long>> nanos = new TreeMap<>();
    private final Map<String, int[]> outcomes = new TreeMap<>();

    public synchronized void record(String operation, long elapsedNanos, Outcome outcome) {
        nanos.computeIfAbsent(operation, k -> new ArrayList<>()).add(elapsedNanos);
        outcomes.computeIfAbsent(operation, k -> new int[Outcome.values().length])[outcome.ordinal()]++;
    }

    /** One row per operation: calls, acknowledged, refused, failed, p50 and p99 in milliseconds. */
    public synchronized List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        nanos.forEach((op, values) -> {
            List<Long> sorted = new ArrayList<>(values);
            Collections.sort(sorted);
            int[] o = outcomes.get(op);
            rows.add(new Row(op, sorted.size(), o[0], o[1], o[2], percentile(sorted, 0.50), percentile(sorted, 0.99)));
        });
        return rows;
    }

    public synchronized int total(Outcome outcome) {
        return outcomes.values().stream().mapToInt(o -> o[outcome.ordinal()]).sum();
    }

    private static double percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int index = (int) Math.ceil(p * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))) / 1e6;
    }

    public record Row(String operation, int calls, int acknowledged, int refused, int failed, double p50Millis,
            double p99Millis) {
    }
}
