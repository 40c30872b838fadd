/**
 * The match aggregate: {@link io.kechuang.matching.match.MatchSuggestion} (a demand and an achievement paired, unique
 * on the pair, its score, explanation and workflow state; table {@code match_suggestion}), its append-only audit
 * trail ({@link io.kechuang.matching.match.MatchActivity} written by
 * {@link io.kechuang.matching.match.MatchActivityLog}, with the {@link io.kechuang.matching.match.Actor} who acted)
 * and its events on {@code matches.v1} ({@link io.kechuang.matching.match.MatchEvents}, through the outbox). Both
 * {@code suggestion} (which creates, rescores and expires matches) and {@code workflow} (which moves them) build on it;
 * it must not import either of them, nor {@code rest}, nor the index.
 */
package io.kechuang.matching.match;
