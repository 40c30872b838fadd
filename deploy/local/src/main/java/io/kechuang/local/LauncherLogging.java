package io.kechuang.local;

import java.io.FileNotFoundException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.jboss.logmanager.formatters.PatternFormatter;
import org.jboss.logmanager.handlers.ConsoleHandler;
import org.jboss.logmanager.handlers.FileHandler;

/**
 * The launcher's logging: java.util.logging backed by the JBoss LogManager, which is also where SLF4J (Kafka,
 * embedded PostgreSQL) and log4j-api (a few broker lines) end up. Only the command-line entry point configures it;
 * code that drives {@link LocalPlatform#start(Options)} keeps its own logging.
 */
final class LauncherLogging {

    static final String MANAGER = "org.jboss.logmanager.LogManager";
    private static final String PATTERN = "%d{yyyy-MM-dd HH:mm:ss,SSS} %-5p [%c{3.}] (%t) %s%e%n";
    /**
     * java.util.logging may forget a logger nobody references, and its level with it. Not initialised with the
     * class: {@link #useJbossLogManager()} must run before the first logger exists.
     */
    private static Logger kafkaClients;
    private static Logger clientConfigDumps;

    private LauncherLogging() {
    }

    /** Must run before anything touches java.util.logging; deploy/local/run also sets it on the command line. */
    static void useJbossLogManager() {
        if (System.getProperty("java.util.logging.manager") == null) {
            System.setProperty("java.util.logging.manager", MANAGER);
        }
    }

    /** Everything at INFO and above into {@code file}, nothing on the console (the launcher prints its progress). */
    static void toFile(Path file) {
        try {
            replaceHandlers(Level.INFO, new FileHandler(new PatternFormatter(PATTERN), file.toFile(), true));
        } catch (FileNotFoundException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
        // Every Kafka client prints its whole configuration (~100 lines) when created.
        clientConfigDumps = Logger.getLogger("org.apache.kafka.common.config.AbstractConfig");
        clientConfigDumps.setLevel(Level.WARNING);
    }

    /** Warnings and errors on standard error; the Kafka client's reconnect chatter is dropped. */
    static void warningsToConsole() {
        ConsoleHandler console = new ConsoleHandler(ConsoleHandler.Target.SYSTEM_ERR, new PatternFormatter("%-5p [%c{1.}] %s%e%n"));
        replaceHandlers(Level.WARNING, console);
        kafkaClients = Logger.getLogger("org.apache.kafka");
        kafkaClients.setLevel(Level.SEVERE);
    }

    private static void replaceHandlers(Level level, Handler handler) {
        Logger root = Logger.getLogger("");
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
            h.close();
        }
        handler.setLevel(Level.ALL);
        root.addHandler(handler);
        root.setLevel(level);
    }
}
