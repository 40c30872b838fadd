package io.kechuang.local;

import java.time.Duration;
import java.time.Instant;

/**
 * Kafka or PostgreSQL died while the platform ran, and the launcher brought it back on the same data and ports; or,
 * with {@link Options.Builder#restartServices()}, a service died and was started again on its ports (its downtime is
 * then until its process started, not until it was ready).
 *
 * @param server   {@code "Kafka"}, {@code "PostgreSQL"} or the service's name
 * @param address  where it listens, before and after
 * @param cause    what the launcher saw, e.g. "its postmaster, pid 4242, exited"
 * @param noticed  when the launcher noticed the death
 * @param downtime from then until it answered again
 * @param attempts how many starts that took (1 unless a start failed)
 */
public record InfrastructureRestart(String server, String address, String cause, Instant noticed, Duration downtime,
        int attempts) {
}
