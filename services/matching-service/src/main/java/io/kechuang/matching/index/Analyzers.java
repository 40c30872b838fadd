package io.kechuang.matching.index;

import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * One analyzer for indexing, querying and highlighting, chosen by field-name suffix.
 * <ul>
 * <li>{@code _zh}: SmartCN word segmentation. Good on known words, but it cuts unknown technical terms into single
 * characters (光|伏, 网|联).</li>
 * <li>{@code _bi}: CJK bigrams over the standard tokenizer. Keeps 光伏 and 网联 whole at the price of some noise;
 * Latin words are lower-cased, not stemmed.</li>
 * <li>{@code _en}: Lucene's English analyzer (stop words, possessives, Porter stemming).</li>
 * </ul>
 * Exact fields (keywords, IPC codes, ids) are not analysed.
 */
public final class Analyzers {

    private Analyzers() {
    }

    public static Analyzer create() {
        Analyzer smartcn = new SmartChineseAnalyzer();
        Analyzer bigram = new BigramAnalyzer();
        Analyzer english = new EnglishAnalyzer();
        return new PerFieldAnalyzerWrapper(smartcn, Map.of(
                IndexSchema.HEAD_BI, bigram, IndexSchema.TEXT_BI, bigram, IndexSchema.XL_BI, bigram,
                IndexSchema.HEAD_EN, english, IndexSchema.TEXT_EN, english, IndexSchema.XL_EN, english));
    }

    /** Standard tokenizer, width folding, lower case, CJK bigrams (no unigrams next to bigrams). */
    static final class BigramAnalyzer extends Analyzer {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer source = new StandardTokenizer();
            TokenStream stream = new CJKWidthFilter(source);
            stream = new LowerCaseFilter(stream);
            stream = new CJKBigramFilter(stream);
            return new TokenStreamComponents(source, stream);
        }

        @Override
        protected TokenStream normalize(String fieldName, TokenStream in) {
            return new LowerCaseFilter(new CJKWidthFilter(in));
        }
    }
}
