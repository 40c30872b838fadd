/**
 * Dead letters of the matching service's consumers, replayed by an admin (libs/common {@code deadletter} lists them,
 * audits each replay and declares the API; {@code rest.MatchingDeadLetterResource} mounts it).
 * {@link io.kechuang.matching.deadletter.MatchingDeadLetters} sends a replay back to the consumer that gave up: the
 * identity directory and the match group keep their effects in PostgreSQL, so the replica that serves the request
 * runs their handler once; the indexer's effects are in each replica's own Lucene index, so the serving replica runs
 * it and then publishes the record on {@code matching.replay}, which every replica's
 * {@link io.kechuang.matching.deadletter.IndexReplays} reads and hands to its own indexer. Replays are idempotent
 * (the version check), so the serving replica reading its own replay, or a replica that never failed, changes nothing.
 * Must not import {@code rest}.
 */
package io.kechuang.matching.deadletter;
