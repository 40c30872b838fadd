package io.kechuang.bench.relevance;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;

/**
 * A plain Lucene BM25 baseline with one analyzer: title, keywords and body indexed as three text fields; a query is
 * the analysed query text, each distinct term a SHOULD clause on each field (no query parser, so no syntax to escape).
 */
public final class LuceneBm25 implements AutoCloseable {

    private static final String[] FIELDS = {"title", "keywords", "body"};

    private final Analyzer analyzer;
    private final Directory directory = new ByteBuffersDirectory();
    private final DirectoryReader reader;
    private final IndexSearcher searcher;

    public LuceneBm25(Analyzer analyzer, List<Evaluated.Doc> docs) throws IOException {
        this.analyzer = analyzer;
        try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(analyzer))) {
            for (Evaluated.Doc d : docs) {
                Document doc = new Document();
                doc.add(new StringField("id", d.id(), Field.Store.YES));
                doc.add(new TextField("title", d.title(), Field.Store.NO));
                doc.add(new TextField("keywords", String.join("；", d.keywords()), Field.Store.NO));
                doc.add(new TextField("body", d.body(), Field.Store.NO));
                writer.addDocument(doc);
            }
        }
        reader = DirectoryReader.open(directory);
        searcher = new IndexSearcher(reader); // BM25Similarity is the default
    }

    public List<String> search(String queryText, int k) throws IOException {
        Set<String> terms = new LinkedHashSet<>();
        try (TokenStream stream = analyzer.tokenStream("body", queryText)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                terms.add(term.toString());
            }
            stream.end();
        }
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        int clauses = 0;
        for (String t : terms) {
            for (String f : FIELDS) {
                if (clauses < IndexSearcher.getMaxClauseCount()) {
                    query.add(new TermQuery(new Term(f, t)), Occur.SHOULD);
                    clauses++;
                }
            }
        }
        List<String> out = new ArrayList<>(k);
        if (clauses == 0) {
            return out;
        }
        for (ScoreDoc hit : searcher.search(query.build(), k).scoreDocs) {
            out.add(searcher.storedFields().document(hit.doc).get("id"));
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        reader.close();
        directory.close();
    }
}
