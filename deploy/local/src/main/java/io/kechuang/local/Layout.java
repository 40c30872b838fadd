package io.kechuang.local;

import java.nio.file.Path;

/**
 * Where the platform keeps things, all under one root folder (by default {@code <repo>/.kechuang}, ignored by
 * git). Deleting the root resets the platform.
 *
 * <pre>
 * kafka/                 the broker's cluster id and log dir (and child.ready while a broker process starts)
 * postgres/              PGDATA, the server's socket and log, the unpacked PostgreSQL binaries
 * logs/                  launcher.log (the launcher, Kafka, embedded PostgreSQL), &lt;service&gt;.log, postgres.log,
 *                        kafka.log (the broker, when it runs as a process of its own)
 * services/&lt;name&gt;/       a service's working directory and local state (KECHUANG_DATA_DIR); the gateway's
 *                        generated signing keys are in services/gateway/keys
 * services/&lt;name&gt;.pid    the pid of its process while it runs (a crashed launcher's leftovers are stopped)
 * admin-password         the gateway administrator's password, made on the first start (owner-only)
 * partner-client-secret  the demo partner portal's client secret, issued by the gateway (owner-only)
 * tokens.env             the demo accounts' gateway tokens and credentials: source it in a shell
 * launcher.lock          held while a launcher runs on this folder
 * platform.properties    the addresses of the running platform (written when ready, removed at stop)
 * tmp/                   java.io.tmpdir of the launcher (set by deploy/local/run)
 * </pre>
 */
public record Layout(Path root) {

    public Layout {
        root = root.toAbsolutePath().normalize();
    }

    public Path kafka() {
        return root.resolve("kafka");
    }

    public Path postgres() {
        return root.resolve("postgres");
    }

    /** zonky unpacks the PostgreSQL binaries here once; later starts reuse them. */
    public Path postgresBinaries() {
        return postgres().resolve("binaries");
    }

    /** The gateway administrator's password (made by the launcher on the first start). */
    public Path adminPassword() {
        return root.resolve("admin-password");
    }

    /** The demo partner portal's client secret (issued by the gateway). */
    public Path partnerClientSecret() {
        return root.resolve("partner-client-secret");
    }

    public Path logs() {
        return root.resolve("logs");
    }

    public Path log(String process) {
        return logs().resolve(process + ".log");
    }

    public Path launcherLog() {
        return log("launcher");
    }

    public Path serviceData(String service) {
        return root.resolve("services").resolve(service);
    }

    public Path pidFile(String service) {
        return root.resolve("services").resolve(service + ".pid");
    }

    public Path tokens() {
        return root.resolve("tokens.env");
    }

    public Path lock() {
        return root.resolve("launcher.lock");
    }

    public Path platformProperties() {
        return root.resolve("platform.properties");
    }

    public Path tmp() {
        return root.resolve("tmp");
    }
}
