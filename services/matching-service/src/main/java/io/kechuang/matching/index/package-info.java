/**
 * The Lucene index of published achievements and open demands. {@link io.kechuang.matching.index.Item} is one side
 * of a match as the matcher sees it (built from events by {@link io.kechuang.matching.index.ItemMapper}, stored by
 * {@link io.kechuang.matching.index.ItemCodec}); {@link io.kechuang.matching.index.MatchIndex} owns the writer, the
 * near-real-time searcher and the commits with their Kafka offsets; {@link io.kechuang.matching.index.IndexSchema}
 * names the fields and versions them (a new version rebuilds the index from the topics);
 * {@link io.kechuang.matching.index.Analyzers}, {@link io.kechuang.matching.index.TextFields} and
 * {@link io.kechuang.matching.index.Highlights} are the analysis shared by indexing, matching and search. This package
 * knows Lucene and nothing of the workflow, the database, Kafka or CDI: plain Java that the bench drives directly.
 */
package io.kechuang.matching.index;
