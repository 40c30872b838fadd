package io.kechuang.matching.embedding;

import io.kechuang.matching.index.ItemVectors;
import java.util.Optional;

/**
 * The embedding model of this replica with its two users: {@link ItemEmbeddings} gives the index its vectors (cache
 * first), {@link QueryEmbeddings} embeds search queries on a bounded pool. {@link #off()} when the service runs
 * lexical only. Closing it stops the model's and the queries' threads.
 */
public final class Embeddings implements AutoCloseable {

    private final BgeSmallZh model;
    private final ItemEmbeddings items;
    private final QueryEmbeddings queries;

    private Embeddings(BgeSmallZh model, ItemEmbeddings items, QueryEmbeddings queries) {
        this.model = model;
        this.items = items;
        this.queries = queries;
    }

    /** No model: the index holds no vectors, and matching and search are lexical. */
    public static Embeddings off() {
        return new Embeddings(null, null, null);
    }

    /** {@code model} behind the listings' vectors and the search queries' vectors. */
    public static Embeddings of(BgeSmallZh model, ItemEmbeddings items, QueryEmbeddings queries) {
        return new Embeddings(model, items, queries);
    }

    /** Where the index and the matcher get an item's vector: the cache, then the model; none when off. */
    public ItemVectors itemVectors() {
        return items == null ? ItemVectors.NONE : items;
    }

    /** A search query's vector if it can be had in time; always empty when off. */
    public Optional<float[]> queryVector(String text) {
        return queries == null ? Optional.empty() : queries.embed(text);
    }

    /** The listings' embeddings, for their cache counters; empty when off. */
    public Optional<ItemEmbeddings> items() {
        return Optional.ofNullable(items);
    }

    /** The search queries' embeddings, for their fallback counter; empty when off. */
    public Optional<QueryEmbeddings> queries() {
        return Optional.ofNullable(queries);
    }

    @Override
    public void close() {
        if (queries != null) {
            queries.close();
        }
        if (model != null) {
            model.close();
        }
    }
}
