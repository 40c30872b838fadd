package io.kechuang.local;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.kechuang.infra.KafkaKraftBroker;
import io.kechuang.infra.PostgresServer;

/**
 * Keeps one of the servers the launcher runs itself, the Kafka broker or PostgreSQL, up while the platform runs. When
 * it stops without being asked to, the supervisor says so loudly (what died, and that it restarts it), starts it
 * again on the same data and ports, and says when it is back and how long that took. The services keep running:
 * their Kafka clients reconnect, and their connection pools replace the connections the crash broke. PostgreSQL's
 * own crash recovery (its write-ahead log) brings back every acknowledged commit; Kafka recovers its logs.
 *
 * <p>Bounded: one death more than {@link Options.RestartLimit} allows within its window, or a server that does not
 * start after {@value #START_ATTEMPTS} attempts, is handed to the platform as a {@link ChildFailure}, and the
 * platform stops. A stop noticed while the platform is stopping, or after {@link #retire()}, was asked for: it is no
 * death.
 *
 * <p>Deaths are handled one at a time, in order, on the supervisor's own thread.
 */
final class InfrastructureSupervisor<T extends AutoCloseable> {

    static final int START_ATTEMPTS = 4;
    private static final Duration FIRST_RETRY_DELAY = Duration.ofSeconds(1);
    /** Long enough for a start in progress: both servers give up on their own start within 60 s. */
    private static final Duration RETIRE_TIMEOUT = Duration.ofSeconds(90);
    private static final int FAILURE_LOG_LINES = 20;
    private static final Logger LOG = Logger.getLogger(InfrastructureSupervisor.class.getName());

    /** One kind of server: how to see it die and how to start it again. */
    interface Kind<T> {
        /** {@code Kafka}, {@code PostgreSQL}. */
        String name();

        /** Where it listens, for people. */
        String address(T server);

        /** Completes, with what was seen, once {@code server} has stopped, whoever stopped it. */
        CompletableFuture<String> death(T server);

        /** Starts the server again, on the data and the ports of {@code dead}. */
        T restart(T dead);

        /** Its log, whose end goes with a failure. */
        Path log();
    }

    /** What the supervisor needs of the platform. */
    interface Owner<T> {
        /** Whether the platform is stopping: then every server stops on purpose. */
        boolean stopping();

        /** The server the platform uses now. */
        T current();

        /** Hands the restarted server to the platform in place of {@code dead}; false if it is stopping. */
        boolean replace(T dead, T restarted);

        /** The server cannot be kept up: record the failure and stop the platform. */
        void giveUp(ChildFailure failure);
    }

    private final Kind<T> kind;
    private final Owner<T> owner;
    private final Options.RestartLimit limit;
    private final Progress progress;
    private final ExecutorService thread;
    private final CountDownLatch retiredSignal = new CountDownLatch(1);
    private final Deque<Instant> deaths = new ArrayDeque<>(); // the supervisor's thread only
    private final List<InfrastructureRestart> restarts = new CopyOnWriteArrayList<>();
    private volatile boolean retired;

    InfrastructureSupervisor(Kind<T> kind, Owner<T> owner, Options.RestartLimit limit, Progress progress) {
        this.kind = kind;
        this.owner = owner;
        this.limit = limit;
        this.progress = progress;
        this.thread = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon()
                .name("supervise-" + kind.name().toLowerCase(Locale.ROOT)).factory());
    }

    /**
     * Kafka, restarted on its folder and both its ports: in this JVM by {@link KafkaKraftBroker#startSupervised}, or
     * as a process of its own ({@link KafkaProcess}).
     */
    static InfrastructureSupervisor<KafkaNode> kafka(Layout layout, Owner<KafkaNode> owner,
            Options.RestartLimit limit, Progress progress, boolean childProcess) {
        return new InfrastructureSupervisor<>(new Kind<>() {
            @Override
            public String name() {
                return "Kafka";
            }

            @Override
            public String address(KafkaNode broker) {
                return broker.bootstrapServers() + " (controller port " + broker.controllerPort() + ")";
            }

            @Override
            public CompletableFuture<String> death(KafkaNode broker) {
                return broker.onShutdown();
            }

            @Override
            public KafkaNode restart(KafkaNode dead) {
                return KafkaNode.start(layout, dead.brokerPort(), dead.controllerPort(), childProcess);
            }

            @Override
            public Path log() {
                return childProcess ? layout.log("kafka") : layout.launcherLog();
            }
        }, owner, limit, progress);
    }

    /** PostgreSQL, a postmaster outside this JVM, restarted on its folder and its port. */
    static InfrastructureSupervisor<PostgresServer> postgres(Layout layout, Owner<PostgresServer> owner,
            Options.RestartLimit limit, Progress progress) {
        return new InfrastructureSupervisor<>(new Kind<>() {
            @Override
            public String name() {
                return "PostgreSQL";
            }

            @Override
            public String address(PostgresServer server) {
                return "127.0.0.1:" + server.port();
            }

            /**
             * The postmaster is no child of the launcher (pg_ctl starts it in its own session), so the JDK learns of
             * its exit by looking now and then: within a few seconds.
             */
            @Override
            public CompletableFuture<String> death(PostgresServer server) {
                return server.postmaster()
                        .map(postmaster -> postmaster.onExit()
                                .thenApply(h -> "its postmaster, pid " + h.pid() + ", exited"))
                        .orElseGet(() -> CompletableFuture.completedFuture("no postmaster runs on its data"));
            }

            @Override
            public PostgresServer restart(PostgresServer dead) {
                return PostgresServer.start(layout.postgres(), dead.port(), true, layout.postgresBinaries());
            }

            @Override
            public Path log() {
                return layout.postgres().resolve("postgres.log");
            }
        }, owner, limit, progress);
    }

    /** Watches {@code server}, the one the platform uses now. */
    void watch(T server) {
        kind.death(server).whenCompleteAsync(
                (cause, error) -> died(server, error == null ? cause : String.valueOf(error)), this::onOwnThread);
    }

    /** The restarts so far, oldest first. */
    List<InfrastructureRestart> restarts() {
        return List.copyOf(restarts);
    }

    /**
     * From now on the server stops on purpose: lets a restart in progress finish (the platform stops what it
     * restarted, as it is stopping) and watches no more. Call once the platform is stopping, before the server.
     */
    void retire() {
        retired = true;
        retiredSignal.countDown();
        thread.shutdown();
        try {
            if (!thread.awaitTermination(RETIRE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warning(kind.name() + "'s supervisor still busy after " + RETIRE_TIMEOUT.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A death noticed after {@link #retire()} has nothing to do, and must not fail whoever completed it. */
    private void onOwnThread(Runnable task) {
        try {
            thread.execute(task);
        } catch (RejectedExecutionException retiredAlready) {
            // stopped on purpose
        }
    }

    private void died(T server, String cause) {
        if (retired || owner.stopping() || owner.current() != server) {
            LOG.fine(() -> kind.name() + " stopped (" + cause + ") on purpose or was replaced already");
            return;
        }
        Instant noticed = Instant.now();
        long t0 = System.nanoTime();
        String address = kind.address(server);
        if (tooManyDeaths(noticed)) {
            closeQuietly(server);
            giveUp("kept dying: it died " + (limit.restarts() + 1) + " times within " + describe(limit.within())
                    + ", the last time on " + address + " (" + cause + "); not restarting it again");
            return;
        }
        progress.problem("!!! " + kind.name() + " on " + address + " died: " + cause + ".\n!!! Restarting it on the"
                + " same data, at the same address (restart " + deaths.size() + " of at most " + limit.restarts()
                + " within " + describe(limit.within()) + ") ...");
        // What is left of it (the lock on its data folder, its threads) must go before it can start again; closing
        // a dead PostgreSQL also logs that pg_ctl found no server to stop.
        closeQuietly(server);
        RuntimeException last = null;
        Duration delay = FIRST_RETRY_DELAY;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            if (retired || owner.stopping()) {
                return;
            }
            try {
                T restarted = kind.restart(server);
                if (!owner.replace(server, restarted)) {
                    closeQuietly(restarted); // the platform began to stop meanwhile
                    return;
                }
                Duration downtime = Duration.ofNanos(System.nanoTime() - t0);
                restarts.add(new InfrastructureRestart(kind.name(), kind.address(restarted), cause, noticed, downtime,
                        attempt));
                progress.info(String.format("%s is back on %s, %.1f s after its death was noticed%s; the services"
                        + " reconnect by themselves.", kind.name(), kind.address(restarted), downtime.toMillis() / 1e3,
                        attempt == 1 ? "" : " (start attempt " + attempt + ")"));
                watch(restarted);
                return;
            } catch (RuntimeException e) {
                last = e;
                if (attempt < START_ATTEMPTS) {
                    progress.problem(String.format("!!! %s did not start (attempt %d of %d): %s%n!!! Trying again in"
                            + " %d s ...", kind.name(), attempt, START_ATTEMPTS, PlatformStartException.rootMessage(e),
                            delay.toSeconds()));
                    if (awaitRetired(delay)) {
                        return;
                    }
                    delay = delay.multipliedBy(2);
                }
            }
        }
        LOG.log(Level.SEVERE, kind.name() + " did not start again", last);
        giveUp("died (" + cause + ") and did not start again after " + START_ATTEMPTS + " attempts: "
                + PlatformStartException.rootMessage(last));
    }

    /** Counts this death; true when it is one more than the limit allows within its window. */
    private boolean tooManyDeaths(Instant now) {
        while (!deaths.isEmpty() && deaths.peekFirst().isBefore(now.minus(limit.within()))) {
            deaths.removeFirst();
        }
        if (deaths.size() >= limit.restarts()) {
            return true;
        }
        deaths.addLast(now);
        return false;
    }

    private void giveUp(String reason) {
        owner.giveUp(new ChildFailure(kind.name(), null, reason, kind.log(),
                ServiceProcess.lastLines(kind.log(), FAILURE_LOG_LINES)));
    }

    /** Waits {@code delay}, or less if the supervisor retires meanwhile; true if it did. */
    private boolean awaitRetired(Duration delay) {
        try {
            return retiredSignal.await(delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private void closeQuietly(T server) {
        try {
            server.close();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Releasing what is left of " + kind.name() + " failed", e);
        }
    }

    private static String describe(Duration d) {
        return d.toSeconds() % 60 == 0 ? d.toMinutes() + " min" : d.toSeconds() + " s";
    }
}
