package io.kechuang.matching.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;

/**
 * Highlighted fragments of indexed documents with Lucene's UnifiedHighlighter: the title (one passage) and the
 * text (up to two), matched terms marked {@code <em>…</em>}, adjacent marks merged so 光伏组件 reads as one. The
 * stored bigram fields carry term-vector offsets, so nothing is re-analysed.
 */
public final class Highlights {

    private static final String[] FIELDS = {IndexSchema.TITLE_BI, IndexSchema.TEXT_BI};
    private static final int[] PASSAGES = {1, 2};
    private static final DefaultPassageFormatter FORMATTER = new DefaultPassageFormatter("<em>", "</em>", "…", false);

    private Highlights() {
    }

    /** Fragments per document id; documents without a match get an empty list. */
    public static Map<Integer, List<String>> of(IndexSearcher searcher, Analyzer analyzer, Query query, int[] docs)
            throws IOException {
        if (docs.length == 0) {
            return Map.of();
        }
        // Plain term queries need no Weight.matches() (the default, and by far the most expensive path).
        UnifiedHighlighter highlighter = UnifiedHighlighter.builder(searcher, analyzer).withFormatter(FORMATTER)
                .withMaxLength(10_000).withWeightMatches(false).build();
        Map<String, String[]> byField = highlighter.highlightFields(FIELDS, query, docs, PASSAGES);
        Map<Integer, List<String>> out = new HashMap<>();
        for (int i = 0; i < docs.length; i++) {
            List<String> fragments = new ArrayList<>();
            for (String field : FIELDS) {
                String[] values = byField.get(field);
                if (values != null && values[i] != null && values[i].contains("<em>")) {
                    fragments.add(values[i].replace("</em><em>", ""));
                }
            }
            out.put(docs[i], fragments);
        }
        return out;
    }
}
