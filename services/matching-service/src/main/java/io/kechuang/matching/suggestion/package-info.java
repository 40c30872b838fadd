/**
 * Suggestions: {@link io.kechuang.matching.suggestion.SuggestionService} turns each indexed item into stored matches
 * (new pairs SUGGESTED with their event, live ones rescored in place, pairs of an item that left the market expired
 * or flagged), and {@link io.kechuang.matching.suggestion.SuggestionQueries} reads an item's suggestions with the
 * object-level checks. It changes matches only before the broker workflow takes them: it must not import
 * {@code workflow} (the two share only {@code match}), nor {@code rest}.
 */
package io.kechuang.matching.suggestion;
