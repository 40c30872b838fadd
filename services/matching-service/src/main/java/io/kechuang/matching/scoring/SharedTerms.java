package io.kechuang.matching.scoring;

import io.kechuang.matching.index.Highlights;
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
    /** Longest phrase a run is widened to, in characters. */
    private static final int MAX_PHRASE = 12;
    /** Single-character words a shared phrase does not grow over. */
    private static final String FUNCTION_WORDS = "的了和与及或在是对为以等中其把被并且而之于由从向将所";

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
        try (TokenStream stream = analyzer.tokenStream(IndexSchema.HEAD_ZH, raw)) {
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

    /**
     * What one candidate shares with the source: the phrases to show (longest first, at most the number asked for),
     * every shared phrase (to mark in the candidate's text) and the source's marked fragments.
     */
    record Shared(List<String> phrases, List<String> markedPhrases, List<String> sourceFragments) {
    }

    /**
     * @param matchedBigrams bigram-field query terms that the candidate contains
     * @param candidate the candidate's title, text and keywords, in lower case (see {@link #comparable(Item)})
     */
    Shared with(Set<String> matchedBigrams, String candidate, int maxPhrases) {
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
            int[] run = widen(i, end, candidate);
            if (run[1] - run[0] > 2 || loneBigramAllowed[i]) {
                phrases.add(text.substring(run[0], run[1]));
                runs.add(run);
                for (int k = run[0]; k < run[1]; k++) {
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
            if (!Highlights.isHanPair(term) && out.stream().noneMatch(existing -> existing.contains(term))) {
                out.add(term); // Latin words and numbers the bigram analyzer keeps whole
            }
        }
        return new Shared(List.copyOf(out.subList(0, Math.min(maxPhrases, out.size()))), List.copyOf(out),
                fragments(hit, runs));
    }

    /**
     * Widens a run of shared query bigrams to the whole words both texts have in common. The query leaves out
     * bigrams too common to rank (电池, 离子), so a run can start or end inside a shared word: 子电 of 锂离子电池, 伏组
     * of 光伏组件. The run first grows to the edges of the SmartCN words it touches, then by whole neighbouring
     * words, each time only if the candidate holds the longer phrase too, never over a function word (的, 与 …) and
     * up to {@value #MAX_PHRASE} characters: 子电 reads 锂离子电池, 放电 reads 电池放电过程.
     */
    private int[] widen(int from, int to, String candidate) {
        int wordFrom = tokenStart[from] >= 0 ? Math.min(from, tokenStart[from]) : from;
        if (wordFrom < from && candidate.contains(text.substring(wordFrom, to))) {
            from = wordFrom;
        }
        int wordTo = tokenEnd[to - 1] >= 0 ? Math.max(to, tokenEnd[to - 1]) : to;
        if (wordTo > to && candidate.contains(text.substring(from, wordTo))) {
            to = wordTo;
        }
        while (from > 0 && joinable(from - 1)) {
            int previous = tokenStart[from - 1] >= 0 ? tokenStart[from - 1] : from - 1;
            if (to - previous > MAX_PHRASE || !candidate.contains(text.substring(previous, to))) {
                break;
            }
            from = previous;
        }
        while (to < text.length() && joinable(to)) {
            int next = tokenEnd[to] >= 0 ? tokenEnd[to] : to + 1;
            if (next - from > MAX_PHRASE || !candidate.contains(text.substring(from, next))) {
                break;
            }
            to = next;
        }
        return new int[] {from, to};
    }

    /** Whether the character may join a phrase: Chinese, and not a function word standing alone. */
    private boolean joinable(int at) {
        char c = text.charAt(at);
        boolean alone = tokenStart[at] == at && tokenEnd[at] == at + 1;
        return isHan(c) && !(alone && FUNCTION_WORDS.indexOf(c) >= 0);
    }

    /** An item's title, text and keywords in the form {@link #with} compares phrases against. */
    static String comparable(Item item) {
        return (item.title() + "\n" + item.text() + "\n" + String.join("；", item.keywords())).toLowerCase(Locale.ROOT);
    }

    private static boolean isHan(char c) {
        return Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN;
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
}
