package io.kechuang.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logging of the in-process infrastructure. Kafka and embedded PostgreSQL log through SLF4J; this module
 * adds no SLF4J binding (Quarkus tests bring slf4j-jboss-logmanager). The broker-side Kafka loggers are
 * lowered to WARN through java.util.logging, which is what JBoss LogManager (and slf4j-jdk14) read; a level
 * configured elsewhere beforehand is left alone.
 */
public final class InfraLogging {

    /** The loggers lowered to WARN; a Quarkus app sharing the JVM sets the same (libs/testing's test resource). */
    public static final List<String> QUIET_CATEGORIES = List.of(
        "kafka",
        "state.change.logger",
        "org.apache.kafka.controller",
        "org.apache.kafka.raft",
        "org.apache.kafka.metadata",
        "org.apache.kafka.image",
        "org.apache.kafka.storage",
        "org.apache.kafka.server",
        "org.apache.kafka.coordinator",
        "org.apache.kafka.queue",
        "org.apache.kafka.snapshot",
        "org.apache.kafka.security",
        "io.zonky.test");

    private static final Logger LOG = LoggerFactory.getLogger("io.kechuang.infra");
    /** JUL keeps loggers weakly; a level set on a collected logger would be lost. */
    private static final List<java.util.logging.Logger> KEEP = new ArrayList<>();

    private InfraLogging() {
    }

    static synchronized void quietInfrastructureLoggers() {
        if (!KEEP.isEmpty() || Boolean.getBoolean("kechuang.infra.verbose")) {
            return;
        }
        for (String category : QUIET_CATEGORIES) {
            java.util.logging.Logger logger = java.util.logging.Logger.getLogger(category);
            if (logger.getLevel() == null) {
                logger.setLevel(Level.WARNING);
            }
            KEEP.add(logger);
        }
        // The broker prints its full configuration (~300 lines) three times per start through the logger it
        // shares with the clients; drop just those dumps.
        java.util.logging.Logger configLogger = java.util.logging.Logger.getLogger(
                "org.apache.kafka.common.config.AbstractConfig");
        if (configLogger.getFilter() == null) {
            configLogger.setFilter(r -> r.getMessage() == null || !r.getMessage().startsWith("KafkaConfig values"));
        }
        KEEP.add(configLogger);
    }

    public static void log(String message) {
        LOG.info(message);
    }

    static void warn(String message) {
        LOG.warn(message);
    }
}
