package io.kechuang.bench.pgfts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * PostgreSQL full-text search over achievements as a team would set it up for Chinese without extensions beyond
 * contrib (no zhparser or pg_jieba in the stock binaries), in two variants over one table:
 * <ul>
 * <li><b>bigram tsvector</b>: the application cuts Chinese into overlapping character bigrams (锂离子 → 锂离 离子)
 * and stores {@code to_tsvector('simple', …)} of them, title weighted A, keywords B, body D; GIN index; a query is
 * the OR of its own bigrams, ranked by {@code ts_rank} (in a spot check at 2,000 rows {@code ts_rank_cd} took 3× longer for a 91-term query). PostgreSQL ranks every matching row.</li>
 * <li><b>pg_trgm</b>: a GIN {@code gin_trgm_ops} index over title, keywords and body; a query keeps the rows whose
 * {@code word_similarity} with it reaches {@code pg_trgm.word_similarity_threshold} ({@code <%}), ranked by it.</li>
 * </ul>
 */
public final class PgFullText {

    /** One achievement as stored: keywords joined with "；". */
    public record Doc(UUID id, String title, String keywords, String body) {
    }

    public enum Variant {
        BIGRAM_TSVECTOR, TRIGRAM
    }

    /** The document expression of the trigram index; queries repeat it verbatim so the index applies. */
    private static final String DOC = "(title || ' ' || keywords || ' ' || body)";

    private static final String INSERT = "INSERT INTO achievements (id, title, keywords, body, tsv) VALUES (?, ?, ?, ?, "
            + "setweight(to_tsvector('simple', ?), 'A') || setweight(to_tsvector('simple', ?), 'B') "
            + "|| setweight(to_tsvector('simple', ?), 'D'))";

    /** The query's bigrams, normalised by the same parser as the documents, OR-ed. */
    private static final String BIGRAM_QUERY = "WITH q AS (SELECT coalesce(string_agg(quote_literal(l), ' | '), '')::tsquery AS q "
            + "FROM unnest(tsvector_to_array(to_tsvector('simple', ?))) AS l WHERE position('\\' in l) = 0) "
            + "SELECT a.id FROM achievements a, q WHERE a.tsv @@ q.q ORDER BY ts_rank(a.tsv, q.q) DESC, a.id LIMIT ?";

    private static final String TRIGRAM_QUERY = "SELECT id FROM achievements WHERE ? <% " + DOC
            + " ORDER BY word_similarity(?, " + DOC + ") DESC, id LIMIT ?";

    private static final Analyzer BIGRAMS = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer source = new StandardTokenizer();
            TokenStream stream = new LowerCaseFilter(new CJKWidthFilter(source));
            return new TokenStreamComponents(source, new CJKBigramFilter(stream));
        }
    };

    private PgFullText() {
    }

    /** Application-side bigrams of a text, space-separated (Latin words and numbers stay whole). */
    public static String bigrams(String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() * 3);
        try (TokenStream stream = BIGRAMS.tokenStream("", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                if (!out.isEmpty()) {
                    out.append(' ');
                }
                out.append(term);
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    public static void createTable(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS achievements");
            st.execute("CREATE TABLE achievements (id uuid PRIMARY KEY, title text NOT NULL, keywords text NOT NULL, "
                    + "body text NOT NULL, tsv tsvector NOT NULL)");
        }
    }

    /** Inserts in batches of 500 rows in one transaction per batch (autocommit off). */
    public static void insert(Connection c, List<Doc> docs) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            int n = 0;
            for (Doc d : docs) {
                ps.setObject(1, d.id());
                ps.setString(2, d.title());
                ps.setString(3, d.keywords());
                ps.setString(4, d.body());
                ps.setString(5, bigrams(d.title()));
                ps.setString(6, bigrams(d.keywords()));
                ps.setString(7, bigrams(d.body()));
                ps.addBatch();
                if (++n % 500 == 0) {
                    ps.executeBatch();
                    c.commit();
                }
            }
            ps.executeBatch();
            c.commit();
        } finally {
            c.setAutoCommit(auto);
        }
    }

    /** Builds the index of a variant (after the bulk load, as a rebuild would). */
    public static void createIndex(Connection c, Variant variant) throws SQLException {
        try (Statement st = c.createStatement()) {
            switch (variant) {
                case BIGRAM_TSVECTOR -> st.execute("CREATE INDEX achievements_tsv ON achievements USING gin (tsv)");
                case TRIGRAM -> st.execute("CREATE INDEX achievements_trgm ON achievements USING gin (" + DOC + " gin_trgm_ops)");
            }
        }
    }

    public static void analyze(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("VACUUM ANALYZE achievements");
        }
    }

    /** Bytes on disk: the table with its TOAST, each index, and the total. */
    public static Map<String, Long> sizes(Connection c) throws SQLException {
        Map<String, Long> out = new LinkedHashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT pg_table_size('achievements'), pg_relation_size('achievements_pkey'), "
                        + "coalesce(pg_relation_size(to_regclass('achievements_tsv')), 0), "
                        + "coalesce(pg_relation_size(to_regclass('achievements_trgm')), 0), "
                        + "pg_total_relation_size('achievements')")) {
            rs.next();
            out.put("table (heap + TOAST)", rs.getLong(1));
            out.put("primary key", rs.getLong(2));
            out.put("GIN bigram tsvector", rs.getLong(3));
            out.put("GIN trigram", rs.getLong(4));
            out.put("total", rs.getLong(5));
        }
        return out;
    }

    /** Sets the trigram word-similarity threshold of this session. */
    public static void setTrigramThreshold(Connection c, double threshold) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("SET pg_trgm.word_similarity_threshold = " + threshold);
        }
    }

    /** A prepared searcher on one connection. */
    public static final class Searcher implements AutoCloseable {
        private final Variant variant;
        private final PreparedStatement ps;

        public Searcher(Connection c, Variant variant) throws SQLException {
            this.variant = variant;
            this.ps = c.prepareStatement(variant == Variant.BIGRAM_TSVECTOR ? BIGRAM_QUERY : TRIGRAM_QUERY);
        }

        /** The ids of the top {@code k} achievements for a query text. */
        public List<UUID> search(String queryText, int k) throws SQLException {
            if (variant == Variant.BIGRAM_TSVECTOR) {
                ps.setString(1, bigrams(queryText));
                ps.setInt(2, k);
            } else {
                ps.setString(1, queryText);
                ps.setString(2, queryText);
                ps.setInt(3, k);
            }
            List<UUID> out = new ArrayList<>(k);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getObject(1, UUID.class));
                }
            }
            return out;
        }

        @Override
        public void close() throws SQLException {
            ps.close();
        }
    }
}
