package io.kechuang.matching.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.util.BytesRef;

/**
 * Term statistics for many terms of one field at once. A match run weighs a hundred or more of the source's terms
 * before it queries the best of them; looking each up alone ({@code IndexReader.docFreq}, {@code TermStates.build})
 * opens a new terms enum per term and segment and loads the dictionary's root blocks every time, which cost a
 * seventh of a match run at 100k. Here each segment's enum is opened once and seeks the terms in sorted order, so
 * the blocks on the path of the previous term are reused. The states are those {@code TermStates.build} returns,
 * so a {@link org.apache.lucene.search.TermQuery} can take them and skip its own lookup.
 */
public final class TermLookup {

    private TermLookup() {
    }

    /** The states of the {@code terms} that occur in {@code field}, by term; terms in no document are left out. */
    public static Map<String, TermStates> states(IndexReader reader, String field, Collection<String> terms)
            throws IOException {
        List<String> sorted = new ArrayList<>(terms);
        List<BytesRef> bytes = new ArrayList<>(sorted.size());
        sorted.sort(null);
        for (String term : sorted) {
            bytes.add(new BytesRef(term));
        }
        TermStates[] states = new TermStates[sorted.size()];
        for (LeafReaderContext leaf : reader.leaves()) {
            Terms fieldTerms = leaf.reader().terms(field);
            if (fieldTerms == null) {
                continue;
            }
            TermsEnum te = fieldTerms.iterator();
            for (int i = 0; i < bytes.size(); i++) {
                if (te.seekExact(bytes.get(i))) {
                    if (states[i] == null) {
                        states[i] = new TermStates(reader.getContext());
                    }
                    states[i].register(te.termState(), leaf.ord, te.docFreq(), te.totalTermFreq());
                }
            }
        }
        Map<String, TermStates> out = new LinkedHashMap<>();
        for (int i = 0; i < states.length; i++) {
            if (states[i] != null) {
                out.put(sorted.get(i), states[i]);
            }
        }
        return out;
    }
}
