package io.kechuang.infra;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.apache.kafka.storage.internals.checkpoint.CleanShutdownFileHandler;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;

/**
 * A real single-node Apache Kafka broker + KRaft controller running in this JVM (Kafka's own
 * {@code KafkaRaftServer}, the version of {@code kafka_2.13}, which must equal kafka-clients).
 *
 * <p>Layout of the data directory: {@code cluster.id} (the cluster id, kept across restarts) and
 * {@code logs/} (the log dir, holding {@code meta.properties} once formatted). A formatted log dir
 * is never formatted again, so a restart on the same directory keeps topics, records and offsets.
 *
 * <p>Listeners bind to 127.0.0.1 only. Auto topic creation is off: services create their topics.
 *
 * <p>Whoever owns a broker learns from {@link #onShutdown()} when it has stopped, and why: closed, crashed on
 * purpose ({@link #crash()}, for tests of a supervisor), or, for a broker from {@link #startSupervised}, a fatal error
 * inside Kafka.
 */
public final class KafkaKraftBroker implements AutoCloseable {

    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final String BROKER_LISTENER = "PLAINTEXT";
    private static final String HOST = "127.0.0.1";
    /** Why a broker stopped when nobody here asked it to (seen only by the thread that awaits its shutdown). */
    private static final String STOPPED_BY_ITSELF = "it shut down by itself";

    /** Brokers whose fatal errors stop them instead of the JVM ({@link #startSupervised}, {@link #onFatalError}). */
    private static final Set<KafkaKraftBroker> CONTAINED = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean EXIT_PROCEDURES_SET = new AtomicBoolean();

    private final KafkaRaftServer server;
    private final Path dataDir;
    private final boolean deleteOnClose;
    private final int brokerPort;
    private final int controllerPort;
    private final String clusterId;
    private final ShutdownHook shutdownHook;
    private boolean closed;
    /** Why the server is being shut down; set once, by whoever starts the shutdown. */
    private final AtomicReference<String> stopCause = new AtomicReference<>();
    /** Completed with {@link #stopCause} once the server has shut down. */
    private final CompletableFuture<String> shutDown = new CompletableFuture<>();

    private KafkaKraftBroker(KafkaRaftServer server, Path dataDir, boolean deleteOnClose, int brokerPort,
            int controllerPort, String clusterId) {
        this.server = server;
        this.dataDir = dataDir;
        this.deleteOnClose = deleteOnClose;
        this.brokerPort = brokerPort;
        this.controllerPort = controllerPort;
        this.clusterId = clusterId;
        this.shutdownHook = ShutdownHook.closing(this, "Kafka broker", "kafka-kraft-broker-shutdown-" + brokerPort);
    }

    /** Throwaway broker: free ports, a new folder under {@code java.io.tmpdir}, deleted on close. */
    public static KafkaKraftBroker startTemporary() {
        try {
            Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "kafka-");
            return start(dir, 0, 0, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts a broker whose data stays in {@code dataDir} (persistent: a second start on the same
     * folder keeps the data).
     *
     * @param brokerPort     client port, 0 = pick a free one
     * @param controllerPort KRaft controller port, 0 = pick a free one
     */
    public static KafkaKraftBroker start(Path dataDir, int brokerPort, int controllerPort) {
        return start(dataDir, brokerPort, controllerPort, true);
    }

    /**
     * Starts a broker on {@code dataDir}; with {@code keepData=false} the folder is deleted on close.
     * Returns once the broker answers client requests.
     */
    public static KafkaKraftBroker start(Path dataDir, int brokerPort, int controllerPort, boolean keepData) {
        return start(dataDir, brokerPort, controllerPort, keepData, false);
    }

    /**
     * As {@link #start(Path, int, int)}, for an owner that watches {@link #onShutdown()} and restarts the broker (the
     * local platform's launcher). Kafka answers a fatal error (a metadata log it cannot apply, a failed log
     * directory) with {@code Exit.halt}: in this JVM that would end the owner with the broker, at once and without
     * shutdown hooks. While such a broker runs, Kafka's halt and exit stop the supervised brokers of this JVM instead,
     * and their {@link #onShutdown()} says why. Kafka does not say which broker failed, so all of them stop; other
     * brokers are left running, and with no supervised broker left, halt and exit end the JVM again.
     */
    public static KafkaKraftBroker startSupervised(Path dataDir, int brokerPort, int controllerPort) {
        return start(dataDir, brokerPort, controllerPort, true, true);
    }

    private static KafkaKraftBroker start(Path dataDir, int brokerPort, int controllerPort, boolean keepData,
            boolean supervised) {
        InfraLogging.quietInfrastructureLoggers();
        if (supervised) {
            stopBrokersOnFatalErrors();
        }
        long t0 = System.nanoTime();
        try {
            Path dir = dataDir.toAbsolutePath();
            Path logDir = dir.resolve("logs");
            Files.createDirectories(logDir);
            int bp = brokerPort == 0 ? Ports.freePort() : brokerPort;
            int cp = controllerPort == 0 ? Ports.freePort(bp) : controllerPort;

            Properties props = serverProperties(logDir, bp, cp);
            KafkaConfig config = KafkaConfig.fromProps(props, false);
            String clusterId = formatIfNeeded(dir, logDir);

            KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
            KafkaKraftBroker broker = new KafkaKraftBroker(server, dir, !keepData, bp, cp, clusterId);
            if (supervised) {
                CONTAINED.add(broker); // before startup: a fatal error while starting must not end the JVM either
            }
            try {
                server.startup();
            } catch (RuntimeException e) {
                broker.close();
                throw e;
            }
            broker.watchForShutdown();
            try {
                broker.awaitReady(Duration.ofSeconds(60));
            } catch (RuntimeException e) {
                broker.close();
                throw e;
            }
            InfraLogging.log("Kafka KRaft broker on " + broker.bootstrapServers() + " (data " + dir + ") started in "
                    + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) + " ms");
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Points Kafka's {@code Exit} at {@link #onFatalError} (once per JVM). {@code Exit}'s setters are meant for Kafka's
     * own tests; embedding the broker under a supervisor is the same situation: the JVM is not the broker's.
     */
    private static void stopBrokersOnFatalErrors() {
        if (EXIT_PROCEDURES_SET.compareAndSet(false, true)) {
            Exit.setHaltProcedure((status, message) -> onFatalError("halt", status, message));
            Exit.setExitProcedure((status, message) -> onFatalError("exit", status, message));
        }
    }

    /**
     * Kafka asked to end the JVM. With supervised brokers running, they stop instead (each in its own thread: the
     * caller may be one of the threads a shutdown waits for) and this returns; Kafka's fault handler then throws in
     * the failing thread. Without any, the JVM ends as Kafka meant it to.
     */
    private static void onFatalError(String how, int status, String message) {
        List<KafkaKraftBroker> brokers = List.copyOf(CONTAINED);
        if (brokers.isEmpty()) {
            if (how.equals("halt")) {
                Runtime.getRuntime().halt(status);
            } else {
                System.exit(status);
            }
            return;
        }
        String cause = "a fatal error inside Kafka (it called Exit." + how + "(" + status
                + (message == null ? "" : ", " + message) + "); see the log for the error)";
        InfraLogging.warn("Kafka called Exit." + how + "(" + status + "): stopping the supervised broker(s) on "
                + brokers.stream().map(KafkaKraftBroker::bootstrapServers).toList() + " instead of this JVM");
        for (KafkaKraftBroker broker : brokers) {
            Thread.ofPlatform().daemon().name("kafka-fatal-error-stop-" + broker.brokerPort)
                    .start(() -> broker.shutDownServer(cause, false));
        }
    }

    /** A daemon thread waits for the server to shut down, to learn of a shutdown nobody here started. */
    private void watchForShutdown() {
        Thread.ofPlatform().daemon().name("kafka-kraft-broker-watch-" + brokerPort).start(() -> {
            server.awaitShutdown();
            if (stopCause.compareAndSet(null, STOPPED_BY_ITSELF)) {
                shutdownFinished();
            } // else whoever started the shutdown completes it, once done with it
        });
    }

    private static Properties serverProperties(Path logDir, int bp, int cp) {
        Properties p = new Properties();
        p.put("node.id", String.valueOf(NODE_ID));
        p.put("process.roles", "broker,controller");
        p.put("listeners", BROKER_LISTENER + "://" + HOST + ":" + bp + "," + CONTROLLER_LISTENER + "://" + HOST + ":" + cp);
        p.put("advertised.listeners", BROKER_LISTENER + "://" + HOST + ":" + bp);
        p.put("listener.security.protocol.map", BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("inter.broker.listener.name", BROKER_LISTENER);
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + cp);
        p.put("log.dirs", logDir.toString());

        // Single node: every replication factor and min ISR is 1.
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        // Fewer internal partitions: faster first group join / first transaction on a small machine.
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.num.partitions", "5");
        p.put("share.coordinator.state.topic.num.partitions", "5");
        p.put("num.partitions", "1");

        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "false");

        // Small footprint (2-core machines, many test JVMs).
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "4");
        p.put("background.threads", "2");
        p.put("num.recovery.threads.per.data.dir", "1");
        p.put("log.cleaner.threads", "1");
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
        return p;
    }

    /** Formats the log dir unless it already holds meta.properties; returns the cluster id. */
    private static String formatIfNeeded(Path dir, Path logDir) throws IOException {
        Path clusterIdFile = dir.resolve("cluster.id");
        Path meta = logDir.resolve("meta.properties");
        if (Files.exists(meta)) {
            Properties mp = new Properties();
            try (var in = Files.newInputStream(meta)) {
                mp.load(in);
            }
            String id = mp.getProperty("cluster.id");
            if (id == null && Files.exists(clusterIdFile)) {
                id = Files.readString(clusterIdFile, StandardCharsets.UTF_8).trim();
            }
            if (id != null && !Files.exists(clusterIdFile)) {
                Files.writeString(clusterIdFile, id + "\n", StandardCharsets.UTF_8);
            }
            return id;
        }
        String clusterId = Files.exists(clusterIdFile)
                ? Files.readString(clusterIdFile, StandardCharsets.UTF_8).trim()
                : Uuid.randomUuid().toString();
        Files.writeString(clusterIdFile, clusterId + "\n", StandardCharsets.UTF_8);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Formatter formatter = new Formatter()
                .setPrintStream(new PrintStream(out, true, StandardCharsets.UTF_8))
                .setNodeId(NODE_ID)
                .setClusterId(clusterId)
                .setDirectories(List.of(logDir.toString()))
                .setMetadataLogDirectory(logDir.toString())
                .setControllerListenerName(CONTROLLER_LISTENER)
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                .setUnstableFeatureVersionsEnabled(false)
                .setHasDynamicQuorum(false);
        try {
            formatter.run();
        } catch (Exception e) {
            throw new IllegalStateException("Formatting Kafka storage in " + logDir + " failed: "
                    + out.toString(StandardCharsets.UTF_8), e);
        }
        return clusterId;
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Object> cfg = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.CLIENT_ID_CONFIG, "kafka-kraft-broker-readiness",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
        RuntimeException last = null;
        try (Admin admin = Admin.create(cfg)) {
            while (System.nanoTime() < deadline) {
                try {
                    var nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(5000)).nodes()
                            .get(10, TimeUnit.SECONDS);
                    if (!nodes.isEmpty()) {
                        return;
                    }
                } catch (Exception e) {
                    last = new IllegalStateException("describeCluster failed", e);
                    if (e instanceof InterruptedException) {
                        Thread.currentThread().interrupt();
                        throw last;
                    }
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
        }
        throw new IllegalStateException("Kafka broker on " + bootstrapServers() + " not ready after " + timeout, last);
    }

    /** {@code 127.0.0.1:<port>}. */
    public String bootstrapServers() {
        return HOST + ":" + brokerPort;
    }

    public int brokerPort() {
        return brokerPort;
    }

    public int controllerPort() {
        return controllerPort;
    }

    public String clusterId() {
        return clusterId;
    }

    public Path dataDir() {
        return dataDir;
    }

    /**
     * Completes once the broker has shut down, with why: {@code "closed"} after {@link #close()}, or what took it
     * down when nobody asked (a crash, a fatal error). The caller's own copy: completing it changes nothing here.
     */
    public CompletableFuture<String> onShutdown() {
        return shutDown.copy();
    }

    /** Whether the broker still runs: it has not shut down, whoever asked. */
    public boolean isRunning() {
        return !shutDown.isDone() && stopCause.get() == null;
    }

    /**
     * Takes the broker down without its owner asking, for tests of whatever supervises it. A kill -9 is not possible
     * in this JVM, so the broker shuts down, then loses its clean-shutdown marker, so that the next start on this
     * folder recovers its logs as after a crash. Returns once it is down ({@link #onShutdown()} has completed). The
     * data stays whatever {@code keepData} said; {@link #close()} still releases the rest.
     */
    public void crash() {
        if (!isRunning()) {
            throw new IllegalStateException("the broker on " + bootstrapServers() + " is not running");
        }
        shutDownServer("crash() on purpose", true);
        InfraLogging.log("Kafka KRaft broker on " + bootstrapServers() + " crashed on purpose");
    }

    /**
     * Shuts the server down once, for {@code cause}; a second caller waits for the first. {@code asAfterACrash}
     * removes the clean-shutdown marker before anyone hears of the shutdown, so that a restart cannot read it.
     */
    private void shutDownServer(String cause, boolean asAfterACrash) {
        if (stopCause.compareAndSet(null, cause)) {
            try {
                shutdownQuietly(server);
                if (asAfterACrash) {
                    forgetCleanShutdown();
                }
            } finally {
                shutdownFinished();
            }
        } else {
            shutDown.join();
        }
    }

    private void shutdownFinished() {
        CONTAINED.remove(this);
        shutDown.complete(stopCause.get());
    }

    private void forgetCleanShutdown() {
        try {
            Files.deleteIfExists(dataDir.resolve("logs").resolve(CleanShutdownFileHandler.CLEAN_SHUTDOWN_FILE_NAME));
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove the clean-shutdown marker of " + dataDir, e);
        }
    }

    /** Shuts the broker down and waits for it; deletes the data folder if it was not to be kept. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        shutdownHook.remove();
        long t0 = System.nanoTime();
        shutDownServer("closed", false);
        if (deleteOnClose) {
            Dirs.deleteRecursively(dataDir);
        }
        InfraLogging.log("Kafka KRaft broker on " + bootstrapServers() + " stopped in "
                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) + " ms");
    }

    private static void shutdownQuietly(KafkaRaftServer server) {
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            InfraLogging.log("Kafka broker shutdown failed: " + e);
        }
    }

    @Override
    public String toString() {
        return "KafkaKraftBroker[" + bootstrapServers() + ", " + dataDir + "]";
    }
}
