package io.kechuang.reliability;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

import io.kechuang.local.KnownServices;
import io.kechuang.local.RunningPlatform;

/**
 * The fault schedule: every {@code every}, the next fault of a seeded rotation. Each round of the rotation holds, in
 * a shuffled order, a kill -9 of each service (the launcher starts it again), a kill -9 of the Kafka broker and of
 * PostgreSQL (the launcher's supervisor restarts them on the same data and ports), and one service cut off from
 * PostgreSQL for {@code cut} (its proxy breaks every connection and refuses new ones, then lets them through again).
 */
final class Faults {

    /** One fault injected. */
    record Fault(Instant at, String kind, String target) {
        String describe() {
            return kind + " " + target;
        }
    }

    /** Faults in one rotation: each service, Kafka, PostgreSQL, a cut. */
    static final int KINDS = KnownServices.ALL.size() + 3;

    private final HarnessPlatform harness;
    private final Random random;
    private final Duration cut;
    private final List<Fault> injected = new CopyOnWriteArrayList<>();
    private final List<String> round = new ArrayList<>();
    private final List<Thread> restores = new CopyOnWriteArrayList<>();

    Faults(HarnessPlatform harness, long seed, Duration cut) {
        this.harness = harness;
        this.random = new Random(seed ^ 0x5DEECE66DL);
        this.cut = cut;
    }

    /** Injects the next fault of the rotation. */
    void injectNext() {
        if (round.isEmpty()) {
            round.addAll(KnownServices.names());
            round.add("kafka");
            round.add("postgres");
            round.add("cut");
            Collections.shuffle(round, random);
        }
        String next = round.removeFirst();
        try {
            inject(next);
        } catch (RuntimeException e) { // e.g. PostgreSQL still restarting after the previous kill
            injected.add(new Fault(Instant.now(), "skipped (" + e.getMessage() + ")", next));
        }
    }

    private void inject(String next) {
        RunningPlatform platform = harness.platform();
        switch (next) {
            case "kafka" -> {
                platform.crashKafka();
                injected.add(new Fault(Instant.now(), "kill -9", "Kafka broker"));
            }
            case "postgres" -> {
                platform.crashPostgres();
                injected.add(new Fault(Instant.now(), "kill -9", "PostgreSQL"));
            }
            case "cut" -> {
                List<String> services = KnownServices.names();
                String service = services.get(random.nextInt(services.size()));
                DatabaseProxy proxy = harness.proxy(service);
                proxy.cut();
                injected.add(new Fault(Instant.now(), "cut from PostgreSQL for " + cut.toSeconds() + " s", service));
                restores.add(Thread.ofPlatform().daemon().name("restore-" + service).start(() -> {
                    try {
                        Thread.sleep(cut.toMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        proxy.restore();
                    }
                }));
            }
            default -> {
                platform.process(next).destroyForcibly();
                injected.add(new Fault(Instant.now(), "kill -9", next));
            }
        }
    }

    /** Whether a service is cut off from PostgreSQL now. */
    boolean cutInForce() {
        return harness.proxies().values().stream().anyMatch(DatabaseProxy::isCut);
    }

    /** Waits for every cut to be lifted. */
    void awaitRestored() throws InterruptedException {
        for (Thread t : restores) {
            t.join();
        }
    }

    List<Fault> injected() {
        return List.copyOf(injected);
    }
}
