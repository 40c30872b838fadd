package io.kechuang.reliability;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

import io.kechuang.local.DemoUser;
import io.kechuang.local.InfrastructureRestart;
import io.kechuang.local.RunningPlatform;

/**
 * One run of the fault-injection harness on a running {@link HarnessPlatform}: the {@link Load} for
 * {@code duration}, a fault of the seeded {@link Faults} rotation every {@code faultEvery}, then quiescence (every
 * service ready, every outbox empty, every consumer caught up: {@link Quiescence}) and the {@link Checks}. The {@link Outcome} holds what a report needs.
 */
public final class FaultRun {

    /**
     * @param seed        drives the clients' choices and the order of the faults
     * @param duration    how long the load and the faults last
     * @param faultEvery  the time between two faults
     * @param cut         how long a service stays cut off from PostgreSQL
     * @param enterprises how many demand-owner threads (plus one university and one broker)
     */
    public record Config(long seed, Duration duration, Duration faultEvery, Duration cut, int enterprises) {

        /**
         * From {@code reliability.seed} (a number, or {@code random}), {@code reliability.duration} and
         * {@code reliability.fault-every} (ISO-8601 durations); the defaults are the short run of the build.
         */
        public static Config fromSystemProperties() {
            String seed = System.getProperty("reliability.seed", "20261207").strip();
            long value = seed.isEmpty() || seed.equals("random") ? ThreadLocalRandom.current().nextLong(1, 1_000_000_000)
                    : Long.parseLong(seed);
            return new Config(value, Duration.parse(System.getProperty("reliability.duration", "PT150S")),
                    Duration.parse(System.getProperty("reliability.fault-every", "PT12S")), Duration.ofSeconds(30), 2);
        }
    }

    /** What a run did and found. */
    public record Outcome(Config config, String run, Instant started, Duration loadTime, Duration quiet,
            List<String> notQuiet, Duration quiescence, long acknowledgedWrites, List<Faults.Fault> faults, List<InfrastructureRestart> restarts,
            Checks.Result checks, List<Latencies.Row> latencies, int calls, int failedCalls) {

        public long lost() {
            return checks.count(Checks.Category.LOST);
        }

        public long duplicates() {
            return checks.count(Checks.Category.DUPLICATE);
        }

        public long divergent() {
            return checks.count(Checks.Category.DIVERGENT);
        }
    }

    /**
     * How long the platform gets to become quiet after the load (see {@link Quiescence}). On two cores the matching
     * service indexes and matches a few events a second, and the load writes faster than that: it catches up after.
     */
    private static final Duration QUIESCENCE_LIMIT = Duration.ofMinutes(12);
    /** Consumers catch up at their own pace after quiescence: checks that still find something are run again. */
    private static final Duration SETTLE_LIMIT = Duration.ofMinutes(2);

    private FaultRun() {
    }

    public static Outcome run(HarnessPlatform harness, Config config) throws Exception {
        RunningPlatform platform = harness.platform();
        String run = Long.toString(config.seed(), 36) + "-" + UUID.randomUUID().toString().substring(0, 4);
        Latencies latencies = new Latencies();
        Gateway gateway = new Gateway(platform.gatewayUrl(), latencies);
        Ledger ledger = new Ledger();
        Function<DemoUser, String> tokens = platform::token;
        Load load = new Load(gateway, ledger, tokens, template(harness, "services/demand-service/examples/battery-soh.json"),
                template(harness, "services/matching-service/examples/battery-soh-achievement.json"), run);
        Faults faults = new Faults(harness, config.seed(), config.cut());
        int restartsBefore = platform.serviceRestarts().size() + platform.infrastructureRestarts().size();

        Instant started = Instant.now();
        long t0 = System.nanoTime();
        List<Thread> clients = new ArrayList<>();
        int n = 0;
        for (Runnable client : load.clients(config.seed(), config.enterprises())) {
            clients.add(Thread.ofPlatform().name("reliability-client-" + n++).start(client));
        }
        // A fault every faultEvery, but never before the platform has recovered from the one before (every service
        // ready, no cut in force): on a loaded machine a service takes minutes to start, and faults on a platform
        // that is still down test nothing. The run lasts its duration and at least one whole rotation of faults.
        long end = t0 + config.duration().toNanos();
        long hardEnd = t0 + config.duration().multipliedBy(4).toNanos();
        long nextFault = t0 + config.faultEvery().toNanos();
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build()) {
            Quiescence platformState = new Quiescence(platform, http);
            while (System.nanoTime() < hardEnd && (System.nanoTime() < end || faults.injected().size() < Faults.KINDS)) {
                if (System.nanoTime() >= nextFault && !faults.cutInForce() && platformState.recovered()) {
                    faults.injectNext();
                    nextFault = System.nanoTime() + config.faultEvery().toNanos();
                }
                Thread.sleep(500);
            }
        }
        faults.awaitRestored();
        load.stop();
        for (Thread client : clients) {
            client.join(Duration.ofMinutes(3));
        }
        Duration loadTime = Duration.ofNanos(System.nanoTime() - t0);

        long q0 = System.nanoTime();
        List<String> notQuiet;
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build()) {
            notQuiet = new Quiescence(platform, http).await(QUIESCENCE_LIMIT);
        }
        Duration quiet = Duration.ofNanos(System.nanoTime() - q0);
        Checks.Result result = null;
        long settleEnd = System.nanoTime() + SETTLE_LIMIT.toNanos();
        while (true) {
            result = new Checks(platform, ledger, gateway, tokens, run).run();
            if (result.findings().isEmpty() || System.nanoTime() > settleEnd) {
                break;
            }
            Thread.sleep(10_000);
        }
        Duration quiescence = Duration.ofNanos(System.nanoTime() - q0);

        List<InfrastructureRestart> restarts = new ArrayList<>(platform.serviceRestarts());
        restarts.addAll(platform.infrastructureRestarts());
        restarts.sort((a, b) -> a.noticed().compareTo(b.noticed()));
        List<InfrastructureRestart> duringRun = restarts.subList(Math.min(restartsBefore, restarts.size()),
                restarts.size());
        int calls = latencies.rows().stream().filter(r -> !r.operation().startsWith("check.")).mapToInt(Latencies.Row::calls)
                .sum();
        return new Outcome(config, run, started, loadTime, quiet, notQuiet, quiescence, ledger.acknowledgedWrites(), faults.injected(),
                List.copyOf(duringRun), result, latencies.rows(), calls, latencies.total(Latencies.Outcome.FAILED));
    }

    private static JsonNode template(HarnessPlatform harness, String relative) throws IOException {
        return Gateway.JSON.readTree(Files.readString(harness.repoRoot().resolve(relative), StandardCharsets.UTF_8));
    }

    /** The report: what ran, what was injected, what the checks found, latency per call. */
    public static String markdown(Outcome o, String command, String commit) {
        StringBuilder md = new StringBuilder();
        Config c = o.config();
        md.append(String.format("### Run %s, seed %d: %d lost, %d duplicate, %d divergent%n%n", o.started(), c.seed(),
                o.lost(), o.duplicates(), o.divergent()));
        md.append("- Command: `").append(command).append("`\n");
        md.append("- Commit: `").append(commit).append("`\n");
        md.append(String.format("- Load %d s (%d enterprise threads, 1 university, 1 broker), a fault every %d s, cuts of"
                + " %d s; quiet %d s after the load (every service ready, every outbox sent, every consumer at the end"
                + " of its topics), quiescence and checks took %d s%n", o.loadTime().toSeconds(), c.enterprises(),
                c.faultEvery().toSeconds(), c.cut().toSeconds(), o.quiet().toSeconds(), o.quiescence().toSeconds()));
        if (!o.notQuiet().isEmpty()) {
            md.append("- **Not quiet** within the limit; still moving when the checks began: ").append(o.notQuiet())
                    .append('\n');
        }
        md.append(String.format("- Operations: %d calls through the gateway, %d writes acknowledged, %d calls failed "
                + "(no answer or 5xx)%n", o.calls(), o.acknowledgedWrites(), o.failedCalls()));
        md.append("- Checked: ").append(o.checks().looked()).append("\n\n");
        md.append("Faults injected (").append(o.faults().size()).append("):\n\n");
        for (Faults.Fault f : o.faults()) {
            md.append(String.format("- +%d s %s%n", Duration.between(o.started(), f.at()).toSeconds(), f.describe()));
        }
        md.append("\nRestarts by the launcher (").append(o.restarts().size()).append("):\n\n");
        for (InfrastructureRestart r : o.restarts()) {
            md.append(String.format("- +%d s %s (%s), back after %.1f s%n", Duration.between(o.started(), r.noticed())
                    .toSeconds(), r.server(), r.cause(), r.downtime().toMillis() / 1e3));
        }
        md.append("\n| Call | Calls | Acknowledged | Refused (4xx) | Failed | p50 ms | p99 ms |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|\n");
        for (Latencies.Row r : o.latencies()) {
            md.append(String.format("| %s | %d | %d | %d | %d | %.0f | %.0f |%n", r.operation(), r.calls(),
                    r.acknowledged(), r.refused(), r.failed(), r.p50Millis(), r.p99Millis()));
        }
        md.append("\nFindings (").append(o.checks().findings().size()).append("):\n\n");
        if (o.checks().findings().isEmpty()) {
            md.append("- none\n");
        }
        o.checks().findings().forEach(f -> md.append("- **").append(f.category()).append("** (").append(f.check())
                .append(") ").append(f.detail()).append('\n'));
        return md.toString();
    }

    /** {@code git rev-parse HEAD} of the repository, with {@code -dirty} when it has changes; "unknown" without git. */
    public static String commit(Path repo) {
        try {
            Process head = new ProcessBuilder("git", "-C", repo.toString(), "rev-parse", "HEAD").start();
            String sha = new String(head.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            Process status = new ProcessBuilder("git", "-C", repo.toString(), "status", "--porcelain",
                    "--untracked-files=no").start();
            boolean dirty = !new String(status.getInputStream().readAllBytes(), StandardCharsets.UTF_8).isBlank();
            return head.waitFor() == 0 ? sha + (dirty ? "-dirty" : "") : "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
