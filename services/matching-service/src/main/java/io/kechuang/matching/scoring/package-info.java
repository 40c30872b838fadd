/**
 * Ranking: {@link io.kechuang.matching.scoring.MatchFinder} turns an item into its best counterparts (a query from the
 * item's analysed text, BM25 and, with vectors, kNN candidates, then {@link io.kechuang.matching.scoring.Features}
 * and {@link io.kechuang.matching.scoring.SharedTerms}), each a {@link io.kechuang.matching.scoring.Suggestion} with
 * its score, confidence band and explanation, weighted by {@link io.kechuang.matching.scoring.ScoringConfig}. Plain
 * Java over the index's searcher, driven directly by the bench; it reads the index and must not write it, store
 * anything, or know of the database, the workflow or CDI.
 */
package io.kechuang.matching.scoring;
