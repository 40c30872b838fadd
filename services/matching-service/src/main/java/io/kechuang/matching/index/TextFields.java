package io.kechuang.matching.index;

import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.search.CombinedFieldQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * The analysed text fields of each analysis family ({@link TermAnalysis#FAMILIES}) and the one query clause a term
 * of that family becomes. Matching and search both build their queries here, so they always query what was indexed.
 * <ul>
 * <li>{@code zh}: one field, {@link IndexSchema#HEAD_ZH}, SmartCN words of the title and keywords.</li>
 * <li>{@code bi} and {@code en}: the head (title and keywords), the text and the terms translated from items in the
 * other language ({@link #translatedField}) as three fields, queried together as one BM25F clause
 * ({@link CombinedFieldQuery}): the head's term frequencies and length count with a weight, and a term
 * costs one clause instead of one per field, which is what makes a 50-term match query cheap to run.</li>
 * </ul>
 */
public final class TextFields {

    private TextFields() {
    }

    /** The text the head fields index: title and keywords, on separate lines so no bigram or word spans the two. */
    public static String head(String title, String keywords) {
        return keywords.isEmpty() ? title : title + "\n" + keywords;
    }

    /** The field indexing the title and keywords with {@code family}'s analyzer. */
    public static String headField(String family) {
        return "head_" + family;
    }

    /**
     * The field holding items' terms translated into {@code family}'s language ({@link IndexSchema#XL_BI} for
     * bigrams, {@link IndexSchema#XL_EN} for English); queried with the family's own fields.
     */
    public static String translatedField(String family) {
        return family.equals("en") ? IndexSchema.XL_EN : IndexSchema.XL_BI;
    }

    /** The field whose analyzer analyses body text for {@code family}, and whose statistics choose its query terms. */
    public static String statisticsField(String family) {
        return family.equals("zh") ? IndexSchema.HEAD_ZH : "text_" + family;
    }

    /**
     * One clause for {@code term} of {@code family} over all of the family's fields.
     *
     * @param headWeight BM25F weight of the head (title and keywords) against the text (at least 1)
     */
    public static Query clause(String family, String term, float headWeight) {
        return clause(family, term, null, headWeight);
    }

    /**
     * The same, with the term's states in {@link #statisticsField} if already looked up (see {@link TermLookup}):
     * a single-field clause then reuses them instead of seeking the term again.
     */
    public static Query clause(String family, String term, TermStates states, float headWeight) {
        if (family.equals("zh")) {
            Term t = new Term(IndexSchema.HEAD_ZH, term);
            return states == null ? new TermQuery(t) : new TermQuery(t, states);
        }
        return new CombinedFieldQuery.Builder(term)
                .addField(headField(family), headWeight)
                .addField("text_" + family, 1f)
                .addField(translatedField(family), 1f)
                .build();
    }
}
