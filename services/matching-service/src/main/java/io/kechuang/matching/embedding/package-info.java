/**
 * Dense vectors of listings and search queries from bge-small-zh-v1.5, in process:
 * {@link io.kechuang.matching.embedding.BgeSmallZh} (the model), {@link io.kechuang.matching.embedding.ItemEmbeddings}
 * (an item's vector, read from the {@link io.kechuang.matching.embedding.PgEmbeddingCache} by the hash of its text,
 * else computed and cached), {@link io.kechuang.matching.embedding.QueryEmbeddings} (bounded, with a timeout, so a
 * search falls back to lexical) and {@link io.kechuang.matching.embedding.Embeddings} (all three, or none when
 * embeddings are off). Plain Java, no CDI (the wiring and the bench build it); it gives the index vectors through
 * {@link io.kechuang.matching.index.ItemVectors} and must not reach into the index, scoring or the workflow.
 */
package io.kechuang.matching.embedding;
