/**
 * Consumers of the achievement and demand topics: the {@link io.kechuang.matching.consumer.IndexingConsumer} feeds
 * the index (and, on a single replica, matches as it goes); scaled out, the
 * {@link io.kechuang.matching.consumer.MatchGroupConsumer} matches once per event across replicas. Both run on
 * {@link io.kechuang.common.consumer.ConsumerLoop}, the platform's one poll loop (retries, dead letters, outages,
 * restarts and liveness are its), one loop per topic, so a backlog on one topic (a bulk import's achievements) never
 * holds back the other's events: the indexer with {@link io.kechuang.common.consumer.StoredOffsets} (offsets of both
 * topics in the Lucene commit, which waits until neither loop has an event indexed but not yet matched), the match
 * group with {@link io.kechuang.common.consumer.GroupOffsets}. Both are
 * idempotent on the event's revision, compared with the one the index holds for the item: the producer's epoch first,
 * then {@code aggregateVersion}, so a resync after a producer's database rollback (a later epoch) replaces what the
 * index holds even at a lower version, while replays, duplicates and events of an older epoch change nothing. A
 * resync's {@code removed} event (no data) replaces the item by a removal marker with its revision, which no search or
 * match sees and no older event can overwrite, and expires the item's suggestions as if it had left the market.
 */
package io.kechuang.matching.consumer;
