package io.kechuang.matching.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;

/**
 * Highlighted fragments of indexed items and the query terms they hold: the title (one passage) and the text (up to two
 * sentences), matched terms marked {@code <em>…</em>}, overlapping and adjacent marks merged so 光伏组件 reads as one.
 * Only the stored item is read: its title, text and keywords go through the bigram analyzer (cheap, unlike SmartCN),
 * whose offsets locate the wanted terms; the sentences with the most marked text are kept, in text order, joined by
 * "…" where not adjacent. The index keeps no term vectors for this.
 */
public final class Highlights {

    private static final String OPEN = "<em>";
    private static final String CLOSE = "</em>";
    private static final String ELLIPSIS = "…";
    private static final int MAX_LENGTH = 10_000;

    /**
     * What one item holds of a set of bigram-field terms.
     *
     * @param terms the wanted terms found in the title, text or keywords, in order of first occurrence
     * @param fragments the marked title if it holds one, then the marked text passages
     */
    public record Matches(Set<String> terms, List<String> fragments) {
    }

    private Highlights() {
    }

    /** The terms of {@code query} on the bigram title and text fields, the form {@link #of(Analyzer, Item, Set)} takes. */
    public static Set<String> terms(Query query) {
        Set<String> terms = new HashSet<>();
        query.visit(new QueryVisitor() {
            @Override
            public void consumeTerms(Query q, Term... ts) {
                for (Term t : ts) {
                    if (t.field().equals(IndexSchema.HEAD_BI) || t.field().equals(IndexSchema.TEXT_BI)) {
                        terms.add(t.text());
                    }
                }
            }
        });
        return terms;
    }

    /** Which of the bigram-field terms {@code wanted} the item holds, and its highlighted fragments. */
    public static Matches of(Analyzer analyzer, Item item, Set<String> wanted) throws IOException {
        if (wanted.isEmpty()) {
            return new Matches(Set.of(), List.of());
        }
        CharArraySet lookup = new CharArraySet(wanted, false);
        Set<String> found = new LinkedHashSet<>();
        List<String> fragments = new ArrayList<>(2);
        String title = field(analyzer, IndexSchema.HEAD_BI, item.title(), lookup, found, 1);
        if (title != null) {
            fragments.add(title);
        }
        String text = field(analyzer, IndexSchema.TEXT_BI, item.text(), lookup, found, 2);
        if (text != null) {
            fragments.add(text);
        }
        spans(analyzer, IndexSchema.HEAD_BI, String.join("；", item.keywords()), lookup, found);
        return new Matches(found, fragments);
    }

    /**
     * Which of the bigram-field terms {@code wanted} the item's title, text or keywords hold. A pair of Han
     * characters is a bigram of a text exactly when the two stand next to each other in it (the bigram filter joins
     * only adjacent characters), so those are found by a plain substring search, which costs far less than
     * analysing the item; other terms (Latin words, numbers) go through the analyzer, which knows word boundaries.
     * Han pairs come first, in the order of {@code wanted}.
     */
    public static Set<String> found(Analyzer analyzer, Item item, Set<String> wanted) throws IOException {
        Set<String> found = new LinkedHashSet<>();
        if (wanted.isEmpty()) {
            return found;
        }
        String title = item.title();
        String text = item.text();
        List<String> keywords = item.keywords();
        Set<String> other = new HashSet<>();
        for (String term : wanted) {
            if (!isHanPair(term)) {
                other.add(term);
            } else if (title.contains(term) || text.contains(term) || keywords.stream().anyMatch(k -> k.contains(term))) {
                found.add(term);
            }
        }
        if (!other.isEmpty()) {
            CharArraySet lookup = new CharArraySet(other, false);
            spans(analyzer, IndexSchema.HEAD_BI, title, lookup, found);
            spans(analyzer, IndexSchema.TEXT_BI, text, lookup, found);
            spans(analyzer, IndexSchema.HEAD_BI, String.join("；", keywords), lookup, found);
        }
        return found;
    }

    /** Whether {@code term} is two Han characters: a CJK bigram. */
    public static boolean isHanPair(String term) {
        return term.length() == 2 && Character.UnicodeScript.of(term.charAt(0)) == Character.UnicodeScript.HAN
                && Character.UnicodeScript.of(term.charAt(1)) == Character.UnicodeScript.HAN;
    }

    /**
     * The item's fragments with every occurrence of the given phrases marked (ignoring case): the title if it holds
     * one, then up to two passages of the text. Used for the phrases two items share, so a mark always covers a
     * whole shared phrase, never part of a word.
     */
    public static List<String> marked(Item item, Collection<String> phrases) {
        List<String> fragments = new ArrayList<>(2);
        String title = fragment(item.title(), occurrences(item.title(), phrases), 1);
        if (title != null) {
            fragments.add(title);
        }
        String text = fragment(item.text(), occurrences(item.text(), phrases), 2);
        if (text != null) {
            fragments.add(text);
        }
        return fragments;
    }

    private static List<int[]> occurrences(String content, Collection<String> phrases) {
        List<int[]> spans = new ArrayList<>();
        String lower = content.toLowerCase(Locale.ROOT);
        if (lower.length() != content.length()) {
            lower = content; // a case mapping that changes lengths would shift the offsets: match as written
        }
        for (String phrase : phrases) {
            if (phrase.isEmpty()) {
                continue;
            }
            for (int at = lower.indexOf(phrase); at >= 0; at = lower.indexOf(phrase, at + 1)) {
                spans.add(new int[] {at, at + phrase.length()});
            }
        }
        return spans;
    }

    /** Offsets of the wanted terms in {@code content}, analysed as {@code field}; adds the terms seen to {@code found}. */
    private static List<int[]> spans(Analyzer analyzer, String field, String content, CharArraySet wanted,
            Set<String> found) throws IOException {
        List<int[]> spans = new ArrayList<>();
        if (content.isEmpty()) {
            return spans;
        }
        try (TokenStream stream = analyzer.tokenStream(field, content)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                if (wanted.contains(term.buffer(), 0, term.length())) {
                    found.add(term.toString());
                    spans.add(new int[] {offset.startOffset(), offset.endOffset()});
                }
            }
            stream.end();
        }
        return spans;
    }

    private static String field(Analyzer analyzer, String field, String content, CharArraySet wanted,
            Set<String> found, int maxPassages) throws IOException {
        return fragment(content, spans(analyzer, field, content, wanted, found), maxPassages);
    }

    /** The passages of {@code content} with the most marked text, the spans marked (overlapping ones merged). */
    private static String fragment(String content, List<int[]> found, int maxPassages) {
        int length = Math.min(content.length(), MAX_LENGTH);
        List<int[]> spans = new ArrayList<>();
        for (int[] s : found) {
            if (s[0] >= 0 && s[1] > s[0] && s[1] <= length) {
                spans.add(s);
            }
        }
        if (spans.isEmpty()) {
            return null;
        }
        spans.sort(Comparator.comparingInt((int[] s) -> s[0]));
        // Merge overlapping and touching spans: the bigrams 光伏, 伏组, 组件 become one mark over 光伏组件.
        List<int[]> marks = new ArrayList<>();
        int[] current = spans.getFirst().clone();
        for (int[] s : spans) {
            if (s[0] <= current[1]) {
                current[1] = Math.max(current[1], s[1]);
            } else {
                marks.add(current);
                current = s.clone();
            }
        }
        marks.add(current);

        List<int[]> sentences = sentences(content, length);
        // Score a sentence by how much of it is marked; ties go to the earlier sentence.
        List<int[]> scored = new ArrayList<>();
        for (int[] sentence : sentences) {
            int covered = 0;
            for (int[] m : marks) {
                int from = Math.max(m[0], sentence[0]);
                int to = Math.min(m[1], sentence[1]);
                if (to > from) {
                    covered += to - from;
                }
            }
            if (covered > 0) {
                scored.add(new int[] {sentence[0], sentence[1], covered});
            }
        }
        scored.sort(Comparator.comparingInt((int[] s) -> -s[2]).thenComparingInt(s -> s[0]));
        List<int[]> passages = new ArrayList<>(scored.subList(0, Math.min(maxPassages, scored.size())));
        passages.sort(Comparator.comparingInt((int[] s) -> s[0]));
        StringBuilder out = new StringBuilder();
        int pos = 0;
        for (int[] p : passages) {
            if (p[0] > pos && pos > 0) {
                out.append(ELLIPSIS);
            }
            mark(out, content, p[0], p[1], marks);
            pos = p[1];
        }
        String fragment = out.toString().strip();
        return fragment.contains(OPEN) ? fragment : null;
    }

    private static void mark(StringBuilder out, String content, int from, int to, List<int[]> marks) {
        int pos = from;
        for (int[] m : marks) {
            if (m[1] <= from || m[0] >= to) {
                continue;
            }
            int start = Math.max(m[0], from);
            int end = Math.min(m[1], to);
            out.append(content, pos, start).append(OPEN).append(content, start, end).append(CLOSE);
            pos = end;
        }
        out.append(content, pos, to);
    }

    /** Sentence spans: a sentence ends after 。！？!? or a line break, or after a full stop followed by a space. */
    static List<int[]> sentences(String content, int length) {
        List<int[]> out = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < length) {
            char c = content.charAt(i);
            boolean end = c == '。' || c == '！' || c == '？' || c == '!' || c == '?' || c == '\n'
                    || (c == '.' && (i + 1 == length || Character.isWhitespace(content.charAt(i + 1))));
            i++;
            if (end) {
                while (i < length && Character.isWhitespace(content.charAt(i))) {
                    i++;
                }
                out.add(new int[] {start, i});
                start = i;
            }
        }
        if (start < length) {
            out.add(new int[] {start, length});
        }
        return out;
    }
}
