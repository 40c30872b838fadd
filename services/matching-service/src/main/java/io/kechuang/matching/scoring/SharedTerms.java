package io.kechuang.matching.scoring;

import io.kechuang.matching.index.IndexSchema;
import io.kechuang.matching.index.Item;
import io.kechuang.matching.index.TermAnalysis;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * The source side of an explanation, prepared once per match run and applied to every candidate: which bigrams of
 * the source's text a candidate shares, merged back into the phrases they came from (光伏 + 伏组 + 组件 → 光伏组件),
 * and the source's own text with those phrases marked. A lone shared bigram is kept only where SmartCN's
 * segmentation of the source does not cut between its two characters, or cut both into single characters (the
 * unknown terms such as 光|伏 that the bigram field exists to recover), so 伏组 in 光|伏|组件 is left out.
 */
final class SharedTerms {

    private static final int CONTEXT = 30;

    private final String text;
    private final String[] bigrams;
    private final boolean[] loneBigramAllowed;
    /** Start and end offsets of the SmartCN token covering each position, or -1. */
    private final int[] tokenStart;
    private final int[] tokenEnd;
    private final int titleEnd;
    private final int textEnd;
    private final java.util.Map<String, Integer> smartcnCounts = new java.util.HashMap<>();

    SharedTerms(Item source, Analyzer analyzer) throws IOException {
        String raw = source.title() + "\n" + source.text() + "\n" + String.join("；", source.keywords());
        String lower = raw.toLowerCase(Locale.ROOT);
        this.text = lower.length() == raw.length() ? lower : raw;
        this.titleEnd = source.title().length();
        this.textEnd = titleEnd + 1 + source.text().length();
        int n = text.length();
        this.bigrams = new String[Math.max(0, n - 1)];
        for (int i = 0; i + 1 < n; i++) {
            bigrams[i] = text.substring(i, i + 2);
        }
        int[] token = new int[n];
        int[] tokenLength = new int[n];
        this.tokenStart = new int[n];
        this.tokenEnd = new int[n];
        java.util.Arrays.fill(token, -1);
        java.util.Arrays.fill(tokenStart, -1);
        java.util.Arrays.fill(tokenEnd, -1);
        try (TokenStream stream = analyzer.tokenStream(IndexSchema.TEXT_ZH, raw)) {
            OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            int id = 0;
            while (stream.incrementToken()) {
                String t = term.toString();
                if (TermAnalysis.isInformative(t)) {
                    // Title and keywords count double, as in the query's per-field weighting.
                    boolean body = offset.startOffset() > titleEnd && offset.startOffset() < textEnd;
                    smartcnCounts.merge(t, body ? 1 : 2, Integer::sum);
                }
                for (int i = offset.startOffset(); i < Math.min(n, offset.endOffset()); i++) {
                    token[i] = id;
                    tokenLength[i] = offset.endOffset() - offset.startOffset();
                    tokenStart[i] = offset.startOffset();
                    tokenEnd[i] = Math.min(n, offset.endOffset());
                }
                id++;
            }
            stream.end();
        }
        this.loneBigramAllowed = new boolean[bigrams.length];
        for (int i = 0; i < bigrams.length; i++) {
            boolean sameToken = token[i] >= 0 && token[i] == token[i + 1];
            boolean splitPair = tokenLength[i] == 1 && tokenLength[i + 1] == 1 && token[i] >= 0 && token[i + 1] >= 0;
            loneBigramAllowed[i] = sameToken || splitPair;
        }
    }

    /** The source's informative SmartCN terms with their weighted counts, for the query. */
    java.util.Map<String, Integer> smartcnCounts() {
        return smartcnCounts;
    }

    /** What one candidate shares with the source: display phrases and the source's marked fragments. */
    record Shared(List<String> phrases, List<String> sourceFragments) {
    }

    /**
     * @param matchedBigrams bigram-field query terms that the candidate contains
     */
    Shared with(Set<String> matchedBigrams, int maxPhrases) {
        boolean[] hit = new boolean[text.length()];
        Set<String> phrases = new LinkedHashSet<>();
        List<int[]> runs = new ArrayList<>();
        int i = 0;
        while (i < bigrams.length) {
            if (!matchedBigrams.contains(bigrams[i])) {
                i++;
                continue;
            }
            int end = i + 2;
            while (end - 1 < bigrams.length && matchedBigrams.contains(bigrams[end - 1])) {
                end++;
            }
            if (end - i > 2 || loneBigramAllowed[i]) {
                // A run can start or end inside a word whose edge bigram was not a query term (电池 too common):
                // widen it to SmartCN's word boundaries, so 池健康状态 reads 电池健康状态.
                int from = tokenStart[i] >= 0 ? Math.min(i, tokenStart[i]) : i;
                int to = tokenEnd[end - 1] >= 0 ? Math.max(end, tokenEnd[end - 1]) : end;
                phrases.add(text.substring(from, to));
                runs.add(new int[] {from, to});
                for (int k = from; k < to; k++) {
                    hit[k] = true;
                }
            }
            i = end - 1;
        }
        List<String> sorted = new ArrayList<>(phrases);
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        List<String> out = new ArrayList<>();
        for (String p : sorted) {
            if (out.stream().noneMatch(existing -> existing.contains(p))) {
                out.add(p);
            }
        }
        for (String term : matchedBigrams) {
            if (!isCjkPair(term) && out.stream().noneMatch(existing -> existing.contains(term))) {
                out.add(term); // Latin words and numbers the bigram analyzer keeps whole
            }
        }
        return new Shared(out.subList(0, Math.min(maxPhrases, out.size())), fragments(hit, runs));
    }

    /** The title if it has a shared phrase, and up to two windows of the text around shared phrases. */
    private List<String> fragments(boolean[] hit, List<int[]> runs) {
        List<String> out = new ArrayList<>();
        if (runs.stream().anyMatch(r -> r[0] < titleEnd)) {
            out.add(mark(0, titleEnd, hit));
        }
        int windows = 0;
        int covered = titleEnd;
        for (int[] run : runs) {
            if (windows == 2 || run[0] >= textEnd) {
                break;
            }
            if (run[0] <= covered) {
                continue;
            }
            int from = Math.max(titleEnd + 1, run[0] - CONTEXT);
            int to = Math.min(textEnd, run[1] + CONTEXT * 2);
            out.add((from > titleEnd + 1 ? "…" : "") + mark(Math.max(from, covered), to, hit) + (to < textEnd ? "…" : ""));
            covered = to;
            windows++;
        }
        return out;
    }

    private String mark(int from, int to, boolean[] hit) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < to; i++) {
            if (hit[i] && (i == from || !hit[i - 1])) {
                sb.append("<em>");
            }
            sb.append(text.charAt(i));
            if (hit[i] && (i + 1 == to || !hit[i + 1])) {
                sb.append("</em>");
            }
        }
        return sb.toString();
    }

    private static boolean isCjkPair(String term) {
        return term.length() == 2 && Character.UnicodeScript.of(term.codePointAt(0)) == Character.UnicodeScript.HAN
                && Character.UnicodeScript.of(term.codePointAt(1)) == Character.UnicodeScript.HAN;
    }
}
