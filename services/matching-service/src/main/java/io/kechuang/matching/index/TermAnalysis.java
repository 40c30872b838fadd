package io.kechuang.matching.index;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Turns text into query terms with the index's own analyzers, so that matching and search query exactly what was
 * indexed. Text is only ever analysed, never parsed as query syntax: {@code AND}, {@code *}, quotes and brackets
 * are plain characters here.
 */
public final class TermAnalysis {

    /** Field families by analyzer: SmartCN words, CJK bigrams, English stems. */
    public static final String[] FAMILIES = {"zh", "bi", "en"};

    /**
     * Generic words of Chinese technical writing that say nothing about the technology; a document frequency cut
     * alone misses them on small indexes.
     */
    private static final Set<String> GENERIC = Set.of("能够", "用于", "要求", "小于", "大于", "进行", "通过", "采用",
            "提出", "实现", "具有", "以及", "可以", "需要", "我们", "公司", "问题", "结果", "表明", "利用", "提高", "一种",
            "基于", "研究", "方法", "适用", "相关", "主要", "目前", "由于", "其中", "对于", "这种", "这些", "我国", "本文",
            "论文", "及其", "能力", "情况", "方面", "不同", "进一步", "同时", "以上", "以下", "of", "the", "and", "for");

    private TermAnalysis() {
    }

    /** Adds {@code weight} to the count of every term of {@code text}, analysed as {@code field}, that {@code keep} accepts. */
    public static void count(Analyzer analyzer, Map<String, Integer> counts, String field, String text, int weight,
            Predicate<String> keep) throws IOException {
        if (text == null || text.isBlank()) {
            return;
        }
        try (TokenStream stream = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                String t = term.toString();
                if (keep.test(t)) {
                    counts.merge(t, weight, Integer::sum);
                }
            }
            stream.end();
        }
    }

    /** For search: a user's short query keeps single characters (锂) but not generic words. */
    public static boolean isSearchable(String term) {
        return !term.isEmpty() && !GENERIC.contains(term);
    }

    /** For matching: drops generic words, bare numbers and the single characters SmartCN leaves behind. */
    public static boolean isInformative(String term) {
        if (term.isEmpty() || term.chars().allMatch(Character::isDigit) || GENERIC.contains(term)) {
            return false;
        }
        return term.codePointCount(0, term.length()) > 1;
    }
}
