package io.kechuang.local;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import io.kechuang.infra.PostgresServer;

/**
 * Watches everything the platform runs and decides when it must stop. A service that exits without being asked to is
 * reported loudly (name, exit code, log, the end of its log) and, once the platform is up, the whole platform stops;
 * while it starts, {@link BootSequence} sees the failure and fails the start. Kafka and PostgreSQL are restarted under
 * the running services by their {@link InfrastructureSupervisor}; one that cannot be kept up stops the platform like a
 * dead service. Holds the first failure, the one {@link RunningPlatform#failure()} reports.
 */
final class PlatformSupervisor {

    private static final int FAILURE_LOG_LINES = 20;
    /** Ctrl-C reaches the services too (same process group); give the launcher's own handler time to say so. */
    private static final Duration EXIT_GRACE = Duration.ofMillis(300);

    private final RunningPlatform platform;
    private final Progress progress;
    private final AtomicReference<ChildFailure> failure = new AtomicReference<>();
    private final InfrastructureSupervisor<KafkaNode> kafka;
    private final InfrastructureSupervisor<PostgresServer> postgres;
    private volatile boolean platformUp;
    private final boolean restartServices;
    private final List<InfrastructureRestart> serviceRestarts = new CopyOnWriteArrayList<>();

    PlatformSupervisor(RunningPlatform platform, Options options) {
        this.platform = platform;
        this.progress = options.progress();
        this.restartServices = options.restartServices();
        this.kafka = InfrastructureSupervisor.kafka(options.layout(), platform.kafkaSlot(this::infrastructureLost),
                options.restartLimit(), progress, options.kafkaInChildProcess());
        this.postgres = InfrastructureSupervisor.postgres(options.layout(),
                platform.postgresSlot(this::infrastructureLost), options.restartLimit(), progress);
    }

    void watch(ServiceProcess service) {
        service.onExit().thenRunAsync(() -> childExited(service),
                task -> Thread.ofPlatform().daemon().name("supervise-" + service.name()).start(task));
    }

    void watch(KafkaNode broker) {
        kafka.watch(broker);
    }

    void watch(PostgresServer server) {
        postgres.watch(server);
    }

    /** The platform is up: from now on a service that dies stops it. */
    void platformUp() {
        platformUp = true;
    }

    /** Kafka and PostgreSQL now stop on purpose; returns once a restart in progress has ended. */
    void retire() {
        kafka.retire();
        postgres.retire();
    }

    /** Every time Kafka or PostgreSQL died and was brought back, oldest first. */
    List<InfrastructureRestart> restarts() {
        List<InfrastructureRestart> all = new ArrayList<>(kafka.restarts());
        all.addAll(postgres.restarts());
        all.sort(Comparator.comparing(InfrastructureRestart::noticed));
        return all;
    }

    /** Every time a service died and was started again, oldest first. */
    List<InfrastructureRestart> serviceRestarts() {
        return List.copyOf(serviceRestarts);
    }

    /** The first failure: the service, or Kafka or PostgreSQL, that brought the platform down. */
    Optional<ChildFailure> failure() {
        return Optional.ofNullable(failure.get());
    }

    /** Records the first failure and reports it loudly; later ones are only logged. */
    boolean recordFailure(ServiceProcess service, String reason) {
        ChildFailure f = new ChildFailure(service.name(), service.isAlive() ? null : service.exitCode(), reason,
                service.log(), service.lastLogLines(FAILURE_LOG_LINES));
        if (failure.compareAndSet(null, f)) {
            progress.problem(f.describe());
            return true;
        }
        return false;
    }

    private void childExited(ServiceProcess service) {
        if (platform.isClosing()) {
            return;
        }
        try {
            Thread.sleep(EXIT_GRACE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (platform.isClosing()) {
            return;
        }
        if (restartServices && platformUp) {
            restart(service);
            return;
        }
        if (recordFailure(service, "exited unexpectedly") && platformUp) {
            progress.problem("Stopping the platform, as " + service.name() + " is down.");
            platform.close();
        }
        // While starting, the boot sequence sees the failure and fails the start.
    }

    /**
     * {@link Options#restartServices()}: the dead service starts again on its ports; its readiness is the caller's to
     * watch. A service that cannot even be started stops the platform.
     */
    private void restart(ServiceProcess dead) {
        Instant noticed = Instant.now();
        long t0 = System.nanoTime();
        int code = dead.exitCode();
        progress.problem("!!! " + dead.name() + " exited (code " + code + "): restarting it on the same ports ...");
        try {
            ServiceProcess restarted = dead.restart();
            if (!platform.replaceService(dead, restarted)) {
                restarted.stop(Duration.ofSeconds(10)); // the platform began to stop meanwhile
                return;
            }
            serviceRestarts.add(new InfrastructureRestart(dead.name(), dead.baseUri().toString(),
                    "exited with code " + code, noticed, Duration.ofNanos(System.nanoTime() - t0), 1));
            watch(restarted);
        } catch (RuntimeException e) {
            if (recordFailure(dead, "exited and could not be started again: " + e.getMessage())) {
                progress.problem("Stopping the platform, as " + dead.name() + " is down.");
                platform.close();
            }
        }
    }

    /** Kafka or PostgreSQL could not be kept up: as for a dead service, the platform stops (exit code 1). */
    private void infrastructureLost(ChildFailure lost) {
        if (failure.compareAndSet(null, lost)) {
            progress.problem(lost.describe());
        }
        if (!platform.isClosing()) {
            progress.problem("Stopping the platform, as " + lost.service() + " is down.");
            // Not on the supervisor's thread: close() waits for the supervisors to finish.
            Thread.ofPlatform().name("stop-after-" + lost.service()).start(platform::close);
        }
    }
}
