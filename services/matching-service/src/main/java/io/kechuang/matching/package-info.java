/**
 * The matching service's wiring point: {@link io.kechuang.matching.MatchingConfig} (every setting under
 * {@code kechuang.matching}), {@link io.kechuang.matching.MatchingWiring} (the one place that builds the index, the
 * embedding model, the finder and the search as CDI singletons), {@link io.kechuang.matching.MatchingEngine} (starts
 * and stops the consumers that feed the index and the suggestions), {@link io.kechuang.matching.MatchingReadiness}
 * and {@link io.kechuang.matching.PlatformClock}. Only this package connects the plain-Java engines to CDI, Kafka
 * and configuration; no other package builds an index, a finder or a search engine, or looks one up: they inject it.
 * Nothing here holds business rules: they live in {@code suggestion}, {@code workflow} and {@code match}.
 */
package io.kechuang.matching;
