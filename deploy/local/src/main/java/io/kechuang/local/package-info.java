/**
 * The local platform: one command (or one method call) starts a real Apache Kafka broker (KRaft) and a real
 * PostgreSQL in this JVM, from {@code libs/embedded-infra}, then every built service as a supervised child process. Kafka
 * and PostgreSQL are supervised too ({@link io.kechuang.local.InfrastructureSupervisor}): one that dies is restarted on
 * its data and ports under the running services.
 *
 * <p>{@link io.kechuang.local.LocalPlatform} is the entry point, for people ({@code main}, behind
 * {@code deploy/local/run}) and for code ({@link io.kechuang.local.LocalPlatform#start(Options)}, returning a
 * {@link io.kechuang.local.RunningPlatform}, the handle that owns the running pieces and stops them in order).
 * {@link io.kechuang.local.BootSequence} brings the platform up step by step, {@link io.kechuang.local.PlatformSupervisor}
 * watches it and decides when it must stop, {@link io.kechuang.local.PlatformSummary} says what runs where, and
 * {@link io.kechuang.local.DemoSessions} keeps the demo accounts' tokens fresh.
 * {@link io.kechuang.local.KnownServices} is the only place that names the services;
 * {@link io.kechuang.local.ServiceProcess} runs one of them; {@link io.kechuang.local.DemoAccounts} registers the demo
 * accounts in the gateway and signs them in at its {@code /auth/token} ({@link io.kechuang.local.GatewayClient});
 * {@link io.kechuang.local.EventTail} prints the records of a topic. Everything the platform keeps lives under one folder ({@link io.kechuang.local.Layout}).
 */
package io.kechuang.local;
