package io.kechuang.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the time of {@code MatchFinder.findFor} goes, from a JFR execution-sample profile of the calling thread: each
 * sample is attributed to the method that {@code findFor} (or its searcher lambda) was calling at that moment, and
 * samples inside query building to what query building was calling. Inlined frames count, so the attribution holds
 * after JIT compilation.
 */
final class FindForProfile implements AutoCloseable {

    private static final Map<String, String> LABELS = new LinkedHashMap<>();

    static {
        LABELS.put("MatchFinder.buildQuery", "query building");
        LABELS.put("SharedTerms.<init>", "query building: SmartCN analysis of the demand");
        LABELS.put("TermAnalysis.count", "query building: bigram/English analysis of the demand");
        LABELS.put("MatchFinder.topTerms", "query building: term statistics (docFreq) and top terms");
        LABELS.put("IndexSearcher.search", "BM25 retrieval (candidates + self score)");
        LABELS.put("MatchFinder.selfScore", "BM25 self score (fallback search)");
        LABELS.put("MatchFinder.docOf", "id lookup of the source");
        LABELS.put("ItemDocuments.fromDocument", "candidates: stored item → Item");
        LABELS.put("ItemDocuments.load", "candidates: stored item → Item");
        LABELS.put("IndexSearcher.storedFields", "candidates: stored fields");
        LABELS.put("StoredFields.document", "candidates: stored fields");
        LABELS.put("MatchFinder.score", "soft features and combined score");
        LABELS.put("MatchFinder.highlightCandidates", "highlighting the candidates (top K)");
        LABELS.put("MatchFinder.explain", "explanations: shared phrases, highlighted fragments, reasons");
    }

    private final Recording recording = new Recording();
    private final Path file;
    private final String threadName = Thread.currentThread().getName();

    FindForProfile(Path file) {
        this.file = file;
        recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(2)).withStackTrace();
        recording.setToDisk(true);
        recording.start();
    }

    /** Stops the recording and returns the breakdown as Markdown lines, largest share first. */
    String stopAndSummarise() throws IOException {
        recording.stop();
        recording.dump(file);
        Map<String, Integer> phases = new HashMap<>();
        Map<String, Integer> leaves = new HashMap<>();
        int inFindFor = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample")) {
                continue;
            }
            var thread = e.getThread("sampledThread");
            RecordedStackTrace stack = e.getStackTrace();
            if (thread == null || stack == null || !threadName.equals(thread.getJavaName())) {
                continue;
            }
            List<RecordedFrame> frames = stack.getFrames(); // leaf first
            int finder = -1;
            for (int i = frames.size() - 1; i >= 0; i--) {
                String m = name(frames.get(i));
                if (m.startsWith("MatchFinder.lambda$findFor") || m.equals("MatchFinder.findFor")) {
                    finder = i;
                }
            }
            if (finder < 0) {
                continue;
            }
            inFindFor++;
            String phase = finder == 0 ? "MatchFinder.findFor (own code)" : name(frames.get(finder - 1));
            if (phase.equals("MatchFinder.withSearcher") || phase.startsWith("MatchFinder.lambda$findFor")) {
                phase = finder >= 2 ? name(frames.get(finder - 2)) : phase;
            }
            if (phase.equals("MatchFinder.buildQuery")) {
                int b = finder - 1;
                while (b > 0 && !name(frames.get(b)).equals("MatchFinder.buildQuery")) {
                    b--;
                }
                phase = b > 0 ? name(frames.get(b - 1)) : "MatchFinder.buildQuery";
                if (!LABELS.containsKey(phase)) {
                    phase = "MatchFinder.buildQuery";
                }
            }
            phases.merge(LABELS.getOrDefault(phase, phase), 1, Integer::sum);
            leaves.merge(name(frames.get(0)), 1, Integer::sum);
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%d execution samples in findFor (2 ms period)%n", inFindFor));
        appendTop(out, "phase", phases, inFindFor, 14);
        appendTop(out, "hottest leaf method", leaves, inFindFor, 10);
        return out.toString();
    }

    private static void appendTop(StringBuilder out, String what, Map<String, Integer> counts, int total, int n) {
        out.append("\n| ").append(what).append(" | share of samples |\n|---|---|\n");
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(n)
                .forEach(e -> out.append(String.format(Locale.ROOT, "| %s | %.1f %% |%n", e.getKey(),
                        100.0 * e.getValue() / Math.max(1, total))));
    }

    private static String name(RecordedFrame f) {
        String type = f.getMethod().getType().getName();
        String simple = type.substring(type.lastIndexOf('.') + 1);
        int lambda = simple.indexOf("$$Lambda");
        if (lambda > 0) {
            simple = simple.substring(0, lambda);
        }
        return simple + "." + f.getMethod().getName();
    }

    @Override
    public void close() {
        recording.close();
    }
}
