package io.kechuang.common.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "kechuang.outbox")
public interface OutboxConfig {

    /** Whether this process runs a relay at all (one per service is active at a time regardless). */
    @WithDefault("true")
    boolean relayEnabled();

    /** Fallback poll interval when no NOTIFY arrives; also how often a standby replica tries to take over. */
    @WithDefault("2s")
    Duration pollInterval();

    /** Rows read and published per round. */
    @WithDefault("500")
    int batchSize();

    /** How long sent rows are kept (for inspection) before they are pruned. */
    @WithDefault("1h")
    Duration retention();

    /** First retry delay after a failure; doubles up to {@link #maxBackoff()}. */
    @WithDefault("200ms")
    Duration initialBackoff();

    @WithDefault("30s")
    Duration maxBackoff();

    /** The URI-reference put in each event's {@code source} attribute. */
    @WithDefault("/services/${quarkus.application.name}")
    String source();
}
