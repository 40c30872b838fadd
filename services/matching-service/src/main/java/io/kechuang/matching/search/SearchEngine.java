package io.kechuang.matching.search;

import io.kechuang.common.validation.RegionCodes;
import io.kechuang.matching.index.Highlights;
import io.kechuang.matching.index.IndexSchema;
import io.kechuang.matching.index.Item;
import io.kechuang.matching.index.ItemDocuments;
import io.kechuang.matching.index.TermAnalysis;
import io.kechuang.matching.index.TextFields;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.IntField;
import org.apache.lucene.document.KeywordField;
import org.apache.lucene.document.LongField;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.LongValueFacetCounts;
import org.apache.lucene.facet.StringDocValuesReaderState;
import org.apache.lucene.facet.StringValueFacetCounts;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.SortedNumericSortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.BytesRef;

/**
 * Portal search over published achievements and open demands, on the matching index and its analysis. Filters are
 * exact; facet counts for a filtered dimension are computed without that dimension's own filter, so a portal can
 * show the alternatives. Plain Java, so benchmarks can drive it.
 *
 * <p>Hybrid when the index holds vectors and a query vector is had in time ({@link QueryVectors}): by relevance, the
 * BM25 ranking and the vector's nearest neighbours (those at least {@link #MIN_DENSE_COSINE} similar, under the same
 * filters) are fused by weighted reciprocal rank ({@value #RRF_K}, the vector's list weighted
 * {@value #DEFAULT_DENSE_WEIGHT}); the nearest neighbours count in the total and the facets
 * too. Otherwise, and when sorted by recency, it is lexical.
 */
public final class SearchEngine {

    /** Facet dimensions: the name in the response and the indexed field. */
    private static final Map<String, String> STRING_FACETS = Map.of("type", IndexSchema.KIND, "field", IndexSchema.FIELD,
            "region", IndexSchema.REGION, "ipType", IndexSchema.IP_TYPE, "cooperation", IndexSchema.COOPERATION);
    private static final String TRL_FACET = "trl";
    private static final int MAX_TERMS_PER_FAMILY = 32;

    private static final Sort RECENT_FIRST = new Sort(
            new SortedNumericSortField(IndexSchema.UPDATED, SortField.Type.LONG, true), SortField.FIELD_DOC);

    /**
     * Reciprocal-rank fusion's constant: a document's fused score is 1 / (k + BM25 rank) plus the dense weight times
     * 1 / (k + vector rank).
     */
    static final int RRF_K = 60;
    /**
     * The vector ranking's weight in the fusion, fitted on the hand-judged tune split (bench/RESULTS.md, "Hybrid")
     * among 0.1, 0.25, 0.5 and 1 (plain RRF); every one of them ranked below BM25 alone there.
     */
    public static final double DEFAULT_DENSE_WEIGHT = 0.1;
    /**
     * The cosine a document must reach to join the results on the vector's word alone; bge-small-zh puts a short
     * query and an unrelated abstract around 0.1–0.4, and one on its topic above 0.55.
     */
    static final double MIN_DENSE_COSINE = 0.55;
    /** The fused list is formed over at least this many of each ranking, so that the first pages stay stable. */
    private static final int MIN_FUSION_DEPTH = 100;

    /** A search query's vector, when one can be had in time; empty otherwise (the search is then lexical). */
    @FunctionalInterface
    public interface QueryVectors {
        QueryVectors NONE = text -> java.util.Optional.empty();

        java.util.Optional<float[]> of(String text);
    }

    private final SearcherManager searchers;
    private final Analyzer analyzer;
    private final QueryVectors queryVectors;
    private final double denseWeight;
    private volatile FacetStates facetStates;

    public SearchEngine(SearcherManager searchers, Analyzer analyzer) {
        this(searchers, analyzer, QueryVectors.NONE);
    }

    public SearchEngine(SearcherManager searchers, Analyzer analyzer, QueryVectors queryVectors) {
        this(searchers, analyzer, queryVectors, DEFAULT_DENSE_WEIGHT);
    }

    /** @param denseWeight the vector ranking's weight in the fusion (BM25's is 1) */
    public SearchEngine(SearcherManager searchers, Analyzer analyzer, QueryVectors queryVectors, double denseWeight) {
        this.searchers = searchers;
        this.analyzer = analyzer;
        this.queryVectors = queryVectors;
        this.denseWeight = denseWeight;
    }

    public SearchResult search(SearchRequest request, LocalDate today) {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                return search(searcher, request, today);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private SearchResult search(IndexSearcher searcher, SearchRequest r, LocalDate today) throws IOException {
        Query text = textQuery(r.text());
        if (text == null) {
            return new SearchResult(List.of(), r.page(), r.size(), 0, Map.of());
        }
        Map<String, Query> filters = filters(r);
        int depth = r.depth();
        boolean byRecency = r.sort() == SearchRequest.Sort.RECENT || r.text() == null || r.text().isBlank();
        List<ScoreDoc> near = byRecency ? List.of() : nearest(searcher, r.text(), filters, depth, today);
        // The nearest neighbours BM25 does not find join the matched set through their ids, at score 0.
        Query matched = text;
        if (!near.isEmpty()) {
            Item[] nearItems = ItemDocuments.load(searcher.getIndexReader(), near.stream().mapToInt(d -> d.doc).toArray());
            List<BytesRef> ids = new ArrayList<>();
            for (Item item : nearItems) {
                ids.add(new BytesRef(item.id().toString()));
            }
            matched = new BooleanQuery.Builder().add(text, Occur.SHOULD)
                    .add(new BoostQuery(KeywordField.newSetQuery(IndexSchema.ID, ids), 0f), Occur.SHOULD)
                    .setMinimumNumberShouldMatch(1).build();
        }
        Query query = combine(matched, filters, null, today);
        int fetched = near.isEmpty() ? depth : Math.min(SearchRequest.MAX_DEPTH, Math.max(depth, MIN_FUSION_DEPTH));
        FacetsCollectorManager.FacetsResult result = byRecency
                ? FacetsCollectorManager.search(searcher, query, depth, RECENT_FIRST, false, new FacetsCollectorManager())
                : FacetsCollectorManager.search(searcher, query, fetched, new FacetsCollectorManager());
        ScoreDoc[] ranked = near.isEmpty() ? result.topDocs().scoreDocs : fuse(result.topDocs().scoreDocs, near, denseWeight);
        long total = totalHits(result.facetsCollector());

        List<ScoreDoc> page = new ArrayList<>();
        for (int i = (int) Math.min(r.from(), depth); i < Math.min(depth, ranked.length); i++) {
            page.add(ranked[i]);
        }
        // Highlights come from the stored item and the cheap bigram analysis (see Highlights).
        boolean highlight = !(text instanceof MatchAllDocsQuery);
        Set<String> highlightTerms = highlight ? Highlights.terms(text) : Set.of();
        Item[] items = ItemDocuments.load(searcher.getIndexReader(), page.stream().mapToInt(d -> d.doc).toArray());
        List<SearchResult.Hit> hits = new ArrayList<>(page.size());
        for (int i = 0; i < page.size(); i++) {
            ScoreDoc doc = page.get(i);
            Item item = items[i];
            List<String> fragments = highlight ? Highlights.of(analyzer, item, highlightTerms).fragments() : List.of();
            hits.add(new SearchResult.Hit(item.kind(), item.id(), item.title(), item.text(), item.keywords(), item.field(),
                    item.region(), item.kind() == Item.Kind.ACHIEVEMENT ? item.trl() : item.minTrl(), item.ipType(),
                    item.cooperationModes(), item.ownerOrgId(), item.expiresOn(), item.updatedAt(),
                    Float.isNaN(doc.score) ? null : doc.score, fragments));
        }
        return new SearchResult(hits, r.page(), r.size(), total,
                facets(searcher, matched, filters, result.facetsCollector(), today));
    }

    /**
     * The query's nearest neighbours under the filters, at least {@link #MIN_DENSE_COSINE} similar, best first; none
     * when the index has no vectors or the query's vector was not had in time.
     */
    private List<ScoreDoc> nearest(IndexSearcher searcher, String text, Map<String, Query> filters, int depth,
            LocalDate today) throws IOException {
        if (!hasVectors(searcher)) {
            return List.of();
        }
        java.util.Optional<float[]> vector = queryVectors.of(text);
        if (vector.isEmpty()) {
            return List.of();
        }
        int k = Math.min(SearchRequest.MAX_DEPTH, Math.max(depth, MIN_FUSION_DEPTH));
        TopDocs near = searcher.search(new KnnFloatVectorQuery(IndexSchema.VECTOR, vector.get(), k,
                combine(new MatchAllDocsQuery(), filters, null, today)), k);
        List<ScoreDoc> kept = new ArrayList<>();
        for (ScoreDoc hit : near.scoreDocs) {
            // Lucene scores a unit-vector dot product as (1 + cos) / 2.
            if (2.0 * hit.score - 1 >= MIN_DENSE_COSINE) {
                kept.add(hit);
            }
        }
        return kept;
    }

    private static boolean hasVectors(IndexSearcher searcher) {
        for (var leaf : searcher.getIndexReader().leaves()) {
            if (leaf.reader().getFieldInfos().fieldInfo(IndexSchema.VECTOR) != null) {
                return true;
            }
        }
        return false;
    }

    /**
     * Reciprocal-rank fusion of the BM25 ranking ({@code lexical}: documents with a BM25 score, in order; those
     * matched only through their ids score 0 and have no lexical rank) and the vector's ({@code near}).
     */
    static ScoreDoc[] fuse(ScoreDoc[] lexical, List<ScoreDoc> near, double denseWeight) {
        Map<Integer, Double> fused = new LinkedHashMap<>();
        int rank = 0;
        for (ScoreDoc d : lexical) {
            if (d.score > 0) {
                fused.merge(d.doc, 1.0 / (RRF_K + ++rank), Double::sum);
            }
        }
        rank = 0;
        for (ScoreDoc d : near) {
            fused.merge(d.doc, denseWeight / (RRF_K + ++rank), Double::sum);
        }
        List<ScoreDoc> out = new ArrayList<>(fused.size());
        fused.forEach((doc, score) -> out.add(new ScoreDoc(doc, score.floatValue())));
        out.sort(Comparator.comparingDouble((ScoreDoc d) -> d.score).reversed().thenComparingInt(d -> d.doc));
        return out.toArray(ScoreDoc[]::new);
    }

    /** SHOULD clauses for the analysed terms of the user's text, or match-all for no text; null if nothing is left. */
    Query textQuery(String text) throws IOException {
        if (text == null || text.isBlank()) {
            return new MatchAllDocsQuery();
        }
        BooleanQuery.Builder builder = new BooleanQuery.Builder();
        int clauses = 0;
        for (String family : TermAnalysis.FAMILIES) {
            Map<String, Integer> counts = new LinkedHashMap<>();
            TermAnalysis.count(analyzer, counts, TextFields.statisticsField(family), text, 1, TermAnalysis::isSearchable);
            List<String> terms = counts.keySet().stream().limit(MAX_TERMS_PER_FAMILY).toList();
            for (String term : terms) {
                builder.add(TextFields.clause(family, term, 2f), Occur.SHOULD);
                clauses++;
            }
        }
        String keyword = ItemDocuments.normaliseKeyword(text);
        if (!keyword.isEmpty()) {
            builder.add(new BoostQuery(new TermQuery(new Term(IndexSchema.KEYWORD, keyword)), 3f), Occur.SHOULD);
        }
        return clauses == 0 ? null : builder.build();
    }

    private static Map<String, Query> filters(SearchRequest r) {
        Map<String, Query> filters = new LinkedHashMap<>();
        if (r.kind() != null) {
            filters.put("type", new TermQuery(new Term(IndexSchema.KIND, r.kind().name())));
        }
        if (r.field() != null) {
            filters.put("field", new TermQuery(new Term(IndexSchema.FIELD, r.field().name())));
        }
        if (r.region() != null) {
            filters.put("region", regionQuery(r.region()));
        }
        if (r.minTrl() != null || r.maxTrl() != null) {
            filters.put(TRL_FACET, IntField.newRangeQuery(IndexSchema.TRL, r.minTrl() == null ? 1 : r.minTrl(),
                    r.maxTrl() == null ? 9 : r.maxTrl()));
        }
        if (r.ipType() != null) {
            filters.put("ipType", new TermQuery(new Term(IndexSchema.IP_TYPE, r.ipType().name())));
        }
        if (r.cooperation() != null) {
            filters.put("cooperation", new TermQuery(new Term(IndexSchema.COOPERATION, r.cooperation().name())));
        }
        return filters;
    }

    /** GB/T 2260: 510000 is the province (prefix 51), 510100 a city (prefix 5101), 510104 a district (exact). */
    static Query regionQuery(String code) {
        String prefix = RegionCodes.prefix(code);
        return prefix.length() == code.length() ? new TermQuery(new Term(IndexSchema.REGION, code))
                : new PrefixQuery(new Term(IndexSchema.REGION, prefix));
    }

    /** The text query with the market filters (active, not expired) and every filter except {@code skip}. */
    private static Query combine(Query text, Map<String, Query> filters, String skip, LocalDate today) {
        BooleanQuery.Builder b = new BooleanQuery.Builder().add(text, Occur.MUST)
                .add(new TermQuery(new Term(IndexSchema.ACTIVE, "true")), Occur.FILTER)
                .add(LongField.newRangeQuery(IndexSchema.EXPIRY_DAY, today.toEpochDay(), Long.MAX_VALUE), Occur.FILTER);
        filters.forEach((name, filter) -> {
            if (!name.equals(skip)) {
                b.add(filter, Occur.FILTER);
            }
        });
        return b.build();
    }

    private Map<String, Map<String, Long>> facets(IndexSearcher searcher, Query text, Map<String, Query> filters,
            FacetsCollector all, LocalDate today) throws IOException {
        Map<String, Map<String, Long>> out = new LinkedHashMap<>();
        FacetStates states = states(searcher.getIndexReader());
        for (String dim : List.of("type", "field", "region", TRL_FACET, "ipType", "cooperation")) {
            FacetsCollector hits = all;
            if (filters.containsKey(dim)) {
                // Drill sideways: count this dimension as if its own filter were not set.
                hits = FacetsCollectorManager.search(searcher, combine(text, filters, dim, today), 1,
                        new FacetsCollectorManager()).facetsCollector();
            }
            FacetResult result = dim.equals(TRL_FACET)
                    ? new LongValueFacetCounts(IndexSchema.TRL, hits).getAllChildren(IndexSchema.TRL)
                    : new StringValueFacetCounts(states.state(STRING_FACETS.get(dim)), hits)
                            .getAllChildren(STRING_FACETS.get(dim));
            Map<String, Long> counts = new LinkedHashMap<>();
            if (result != null) {
                List<LabelAndValue> values = new ArrayList<>(List.of(result.labelValues));
                values.sort(Comparator.comparingLong((LabelAndValue lv) -> lv.value.longValue()).reversed()
                        .thenComparing(lv -> lv.label));
                for (LabelAndValue lv : values) {
                    if (lv.value.longValue() > 0) {
                        counts.put(lv.label, lv.value.longValue());
                    }
                }
            }
            out.put(dim, counts);
        }
        return out;
    }

    private static long totalHits(FacetsCollector collector) {
        long total = 0;
        for (FacetsCollector.MatchingDocs docs : collector.getMatchingDocs()) {
            total += docs.totalHits();
        }
        return total;
    }

    /** Facet ordinal maps are built once per searcher generation, not per request. */
    private FacetStates states(IndexReader reader) {
        FacetStates current = facetStates;
        if (current == null || current.reader != reader) {
            current = new FacetStates(reader);
            facetStates = current;
        }
        return current;
    }

    private static final class FacetStates {
        final IndexReader reader;
        final Map<String, StringDocValuesReaderState> states = new HashMap<>();

        FacetStates(IndexReader reader) {
            this.reader = reader;
        }

        synchronized StringDocValuesReaderState state(String field) throws IOException {
            StringDocValuesReaderState state = states.get(field);
            if (state == null) {
                state = new StringDocValuesReaderState(reader, field);
                states.put(field, state);
            }
            return state;
        }
    }

}
