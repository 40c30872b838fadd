/**
 * Real infrastructure in the JVM: an Apache Kafka broker in KRaft mode ({@link io.kechuang.infra.KafkaKraftBroker})
 * and a PostgreSQL server from embedded binaries ({@link io.kechuang.infra.PostgresServer}), throwaway or on a kept
 * data folder, each closed by a JVM shutdown hook ({@link io.kechuang.infra.ShutdownHook}) if nobody closes it.
 * Production code of the local platform ({@code deploy/local}) and the base of the test infrastructure
 * ({@code libs/testing}). Must not: know about any service, topic or schema of the platform; it starts servers only.
 */
package io.kechuang.infra;
