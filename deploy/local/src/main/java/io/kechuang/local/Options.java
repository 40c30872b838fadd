package io.kechuang.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import io.kechuang.local.KnownServices.ServiceSpec;

/**
 * How to start the platform. {@link #builder()} gives the defaults a person gets from {@code deploy/local/run}:
 * data in {@code <repo>/.kechuang}, Kafka on 9092 (controller 9093), PostgreSQL on 5432, the services on their
 * usual ports, every built service (always with the gateway). Tests call {@link Builder#randomPorts()} and a root under {@code target/}.
 *
 * <p>A port of 0 means "a free port, chosen at start".
 */
public record Options(
        Path repoRoot,
        Path root,
        int kafkaPort,
        int kafkaControllerPort,
        int postgresPort,
        Map<String, Integer> servicePorts,
        Map<String, Integer> managementPorts,
        Set<String> services,
        Duration readyTimeout,
        Duration stopTimeout,
        Progress progress,
        DemoData.Size demoSize,
        RestartLimit restartLimit,
        boolean kafkaInChildProcess,
        Map<String, Integer> databasePorts,
        boolean restartServices,
        Map<String, String> serviceConfig) {

    public static final int DEFAULT_KAFKA_PORT = 9092;
    public static final int DEFAULT_KAFKA_CONTROLLER_PORT = 9093;
    public static final int DEFAULT_POSTGRES_PORT = 5432;
    /** The folder under the repository root that holds everything (in .gitignore). */
    public static final String DEFAULT_ROOT_NAME = ".kechuang";

    public Options {
        Objects.requireNonNull(repoRoot, "repoRoot");
        Objects.requireNonNull(root, "root");
        servicePorts = Map.copyOf(servicePorts);
        managementPorts = Map.copyOf(managementPorts);
        databasePorts = Map.copyOf(databasePorts);
        services = Set.copyOf(services);
        Objects.requireNonNull(readyTimeout, "readyTimeout");
        Objects.requireNonNull(stopTimeout, "stopTimeout");
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(restartLimit, "restartLimit");
        serviceConfig = Map.copyOf(serviceConfig);
        requireKnown(services);
        requireKnown(servicePorts.keySet());
        requireKnown(managementPorts.keySet());
        requireKnown(databasePorts.keySet());
    }

    private static void requireKnown(Collection<String> names) {
        for (String name : names) {
            if (KnownServices.byName(name).isEmpty()) {
                throw new IllegalArgumentException("unknown service '" + name + "'; known: " + KnownServices.names());
            }
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * How often the launcher restarts Kafka or PostgreSQL when it dies: at most {@code restarts} times (each) within
     * {@code within}; one death more, or a restart that fails again and again, stops the platform instead.
     */
    public record RestartLimit(int restarts, Duration within) {

        public static final RestartLimit DEFAULT = new RestartLimit(3, Duration.ofMinutes(10));

        public RestartLimit {
            if (restarts < 0) {
                throw new IllegalArgumentException("restarts must not be negative: " + restarts);
            }
            Objects.requireNonNull(within, "within");
        }
    }

    /** Whether to load the demo data ({@code --demo}) once the platform is up, and how much of it. */
    public Optional<DemoData.Size> demo() {
        return Optional.ofNullable(demoSize);
    }

    public Layout layout() {
        return new Layout(root);
    }

    /** The HTTP port asked for {@code service}: an override, or its usual port (0 = free port). */
    public int portOf(ServiceSpec service) {
        return servicePorts.getOrDefault(service.name(), service.defaultPort());
    }

    /** The management port (health and metrics) asked for {@code service}: an override, or its usual one (0 = free). */
    public int managementPortOf(ServiceSpec service) {
        return managementPorts.getOrDefault(service.name(), service.defaultManagementPort());
    }

    /**
     * The port a service reaches PostgreSQL on: its own port in front of the server (a proxy someone else runs, as
     * the reliability harness does to cut one service off), or empty for the server's own port.
     */
    public Optional<Integer> databasePortOf(ServiceSpec service) {
        return Optional.ofNullable(databasePorts.get(service.name()));
    }

    /**
     * Whether {@code service} was asked for: every service when none were named, and always the gateway, which signs
     * everyone in and is the platform's one entry point.
     */
    public boolean wants(ServiceSpec service) {
        return services.isEmpty() || services.contains(service.name()) || service.issuesTokens();
    }

    /**
     * The repository this code was built from: the first folder above the launcher's classes (or jar) that holds
     * {@code deploy/local/pom.xml}, else the working directory.
     */
    static Path detectRepoRoot() {
        String explicit = System.getProperty("kechuang.repo");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit).toAbsolutePath().normalize();
        }
        try {
            Path here = Path.of(Options.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path p = here.toAbsolutePath(); p != null; p = p.getParent()) {
                if (Files.isRegularFile(p.resolve("deploy/local/pom.xml"))) {
                    return p;
                }
            }
        } catch (Exception e) {
            // no code source (unusual class loader): fall back to the working directory
        }
        return Path.of("").toAbsolutePath();
    }

    /** Collects options; every setter has the default of {@code deploy/local/run}. */
    public static final class Builder {
        private Path repoRoot;
        private Path root;
        private int kafkaPort = DEFAULT_KAFKA_PORT;
        private int kafkaControllerPort = DEFAULT_KAFKA_CONTROLLER_PORT;
        private int postgresPort = DEFAULT_POSTGRES_PORT;
        private final Map<String, Integer> servicePorts = new LinkedHashMap<>();
        private final Map<String, Integer> managementPorts = new LinkedHashMap<>();
        private final Set<String> services = new LinkedHashSet<>();
        private Duration readyTimeout = Duration.ofSeconds(120);
        private Duration stopTimeout = Duration.ofSeconds(20);
        private Progress progress;
        private DemoData.Size demoSize;
        private RestartLimit restartLimit = RestartLimit.DEFAULT;
        private boolean kafkaInChildProcess;
        private final Map<String, Integer> databasePorts = new LinkedHashMap<>();
        private boolean restartServices;
        private final Map<String, String> serviceConfig = new LinkedHashMap<>();

        private Builder() {
        }

        /** The repository whose {@code services/*} jars are started (default: detected from this code's location). */
        public Builder repoRoot(Path repoRoot) {
            this.repoRoot = repoRoot;
            return this;
        }

        /** Where data, keys, logs and tokens live (default {@code <repo>/.kechuang}). */
        public Builder root(Path root) {
            this.root = root;
            return this;
        }

        public Builder kafkaPort(int port) {
            this.kafkaPort = port;
            return this;
        }

        public Builder kafkaControllerPort(int port) {
            this.kafkaControllerPort = port;
            return this;
        }

        public Builder postgresPort(int port) {
            this.postgresPort = port;
            return this;
        }

        public Builder servicePort(String service, int port) {
            this.servicePorts.put(service, port);
            return this;
        }

        /** The port of a service's management interface: health and metrics, never its public port. */
        public Builder managementPort(String service, int port) {
            this.managementPorts.put(service, port);
            return this;
        }

        /** Free ports for Kafka, PostgreSQL and every service: runs beside a platform on the usual ports. */
        public Builder randomPorts() {
            kafkaPort = 0;
            kafkaControllerPort = 0;
            postgresPort = 0;
            KnownServices.ALL.forEach(s -> servicePorts.put(s.name(), 0));
            KnownServices.ALL.forEach(s -> managementPorts.put(s.name(), 0));
            return this;
        }

        /** Only these services, and the gateway (default: every service whose module is built). */
        public Builder services(String... names) {
            return services(List.of(names));
        }

        public Builder services(Iterable<String> names) {
            names.forEach(services::add);
            return this;
        }

        /** How long one service may take to report ready (default 120 s). */
        public Builder readyTimeout(Duration timeout) {
            this.readyTimeout = timeout;
            return this;
        }

        /** How long a stopping service may take before it is killed (default 20 s). */
        public Builder stopTimeout(Duration timeout) {
            this.stopTimeout = timeout;
            return this;
        }

        /** Where progress goes (default: the console). */
        public Builder progress(Progress progress) {
            this.progress = progress;
            return this;
        }

        /**
         * Load the demo data once the platform is up ({@code --demo}): organisations, people, 240 achievements and
         * 56 demands, through the gateway's public API; nothing is created twice.
         */
        public Builder demo() {
            return demo(DemoData.Size.FULL);
        }

        /** Load only the first achievements and demands of the demo data (tests). */
        public Builder demo(DemoData.Size size) {
            this.demoSize = size;
            return this;
        }

        /**
         * How often Kafka or PostgreSQL is restarted after it died before the platform gives up and stops (default: 3
         * restarts within 10 minutes).
         */
        public Builder restartLimit(int restarts, Duration within) {
            this.restartLimit = new RestartLimit(restarts, within);
            return this;
        }

        /**
         * Runs the Kafka broker as a child JVM of its own ({@link KafkaChild}) instead of in the launcher's JVM: same
         * folder, ports and supervision, but it can be killed outright (kill -9), as the reliability harness does.
         * Costs a second JVM (about 300 MB more) and a second of start-up.
         */
        public Builder kafkaInChildProcess() {
            this.kafkaInChildProcess = true;
            return this;
        }

        /**
         * Points {@code service}'s JDBC URL at {@code port} on 127.0.0.1 instead of PostgreSQL's own port: a TCP proxy
         * in front of the server that whoever sets it runs (the reliability harness cuts a service off there). The
         * proxy must listen before the platform starts and forward to {@link Options#postgresPort()}.
         */
        public Builder databasePort(String service, int port) {
            this.databasePorts.put(service, port);
            return this;
        }

        /**
         * Restarts a service that exits once the platform is up, on the same ports and configuration, instead of
         * stopping the platform (the default: a dead service stops everything, loudly). For fault injection.
         */
        public Builder restartServices() {
            this.restartServices = true;
            return this;
        }

        /**
         * A configuration property every service is started with (as its environment variable), over the service's
         * own {@code application.properties}: for instance a higher {@code kechuang.gateway.rate-limit.requests} for
         * a fuzz or load run.
         */
        public Builder serviceConfig(String property, String value) {
            this.serviceConfig.put(property, value);
            return this;
        }

        public Options build() {
            Path repo = repoRoot != null ? repoRoot.toAbsolutePath().normalize() : detectRepoRoot();
            Path data = root != null ? root.toAbsolutePath().normalize() : repo.resolve(DEFAULT_ROOT_NAME);
            return new Options(repo, data, kafkaPort, kafkaControllerPort, postgresPort, servicePorts, managementPorts,
                    services, readyTimeout, stopTimeout, progress != null ? progress : Progress.console(), demoSize,
                    restartLimit, kafkaInChildProcess, databasePorts, restartServices, serviceConfig);
        }
    }
}
