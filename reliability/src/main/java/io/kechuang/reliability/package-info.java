/**
 * The fault-injection harness. {@link io.kechuang.reliability.HarnessPlatform} starts the real platform through
 * {@code deploy/local} with every part killable (services and the Kafka broker as child processes, PostgreSQL as its
 * own postmaster, a {@link io.kechuang.reliability.DatabaseProxy} between each service and PostgreSQL);
 * {@link io.kechuang.reliability.FaultRun} drives the load through the gateway, injects the seeded faults, waits for
 * quiescence and runs the {@link io.kechuang.reliability.Checks}. It never touches a service's code or data except
 * through the API, and reads the databases and topics only to check them.
 */
package io.kechuang.reliability;
