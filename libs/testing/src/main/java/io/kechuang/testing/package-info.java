/**
 * Test infrastructure only (test scope in every module that uses it): one Kafka broker and one PostgreSQL server per
 * test JVM ({@link io.kechuang.testing.SharedInfrastructure}, {@link io.kechuang.testing.KechuangTestResource}),
 * signed tokens for any role ({@link io.kechuang.testing.TestTokens}), topic reads
 * ({@link io.kechuang.testing.TopicProbe}), {@code matches.v1} events ({@link io.kechuang.testing.MatchEvents}),
 * durability checks ({@link io.kechuang.testing.DurableCommits}) and rollbacks
 * ({@link io.kechuang.testing.DatabaseSnapshot}); the security suite in {@code io.kechuang.testing.security}. Must
 * not: be a dependency of production code; the servers themselves live in {@code libs/embedded-infra}.
 */
package io.kechuang.testing;
