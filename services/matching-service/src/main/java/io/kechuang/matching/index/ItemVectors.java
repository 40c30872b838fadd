package io.kechuang.matching.index;

/**
 * Where the index gets an item's dense vector when it indexes the item: an embedding model behind a cache in the
 * service ({@code io.kechuang.matching.embedding.ItemEmbeddings}), {@link #NONE} for a lexical-only index.
 */
@FunctionalInterface
public interface ItemVectors {

    /** No vectors: the index is lexical only, and matching and search rank by BM25 and the features alone. */
    ItemVectors NONE = item -> null;

    /** The unit-length vector of {@code item}'s public text, or {@code null} if it has none (no text, no model). */
    float[] vectorOf(Item item);
}
