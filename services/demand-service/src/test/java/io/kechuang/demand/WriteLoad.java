package io.kechuang.demand;

import com.fasterxml.jackson.databind.JsonNode;
import io.kechuang.common.problem.Problem;
import io.kechuang.events.EventJson;
import io.kechuang.testing.TestTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Writers that create, open, edit and start negotiating demands through the service's REST API, each for an
 * enterprise of its own, with choices drawn from a seeded {@link Random}. Every acknowledged write (2xx) goes into a
 * ledger: the demand, the version and the status and title it answered with. A writer that gets anything else for a
 * demand no longer knows its state (a commit may have happened or not) and reads it again before its next write.
 */
final class WriteLoad implements AutoCloseable {

    /** An acknowledged write: what the service said the demand was after it. */
    record Ack(UUID id, long version, String status, String title, long atNanos) {
    }

    /** A failed request: status 0 for an I/O failure or timeout. */
    record Failure(int status, String contentType, String retryAfter, String body, long atNanos) {
    }

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Queue<Ack> ledger = new ConcurrentLinkedQueue<>();
    private final Queue<Failure> failures = new ConcurrentLinkedQueue<>();
    private final List<Thread> threads = new ArrayList<>();

    private WriteLoad(URI base) {
        this.base = base;
    }

    /** Starts {@code writers} threads; writer {@code i} draws from {@code new Random(seed + i)}. */
    static WriteLoad start(URI base, int writers, long seed) {
        WriteLoad load = new WriteLoad(base);
        for (int i = 0; i < writers; i++) {
            Writer writer = load.new Writer(i, new Random(seed + i));
            load.threads.add(Thread.ofPlatform().name("write-load-" + i).daemon().start(writer));
        }
        return load;
    }

    List<Ack> ledger() {
        return List.copyOf(ledger);
    }

    List<Failure> failures() {
        return List.copyOf(failures);
    }

    long acknowledgedSince(long nanos) {
        return ledger.stream().filter(a -> a.atNanos() >= nanos).count();
    }

    long failedSince(long nanos, int status) {
        return failures.stream().filter(f -> f.atNanos() >= nanos && f.status() == status).count();
    }

    /** Failures by status, e.g. {@code {503=17}}. */
    Map<Integer, Long> failuresByStatus() {
        Map<Integer, Long> counts = new TreeMap<>();
        failures.forEach(f -> counts.merge(f.status(), 1L, Long::sum));
        return counts;
    }

    /** Stops the writers and waits for their last requests. */
    @Override
    public void close() throws InterruptedException {
        running.set(false);
        for (Thread t : threads) {
            t.join(Duration.ofSeconds(40));
            if (t.isAlive()) {
                throw new AssertionError(t.getName() + " still runs: a request hangs");
            }
        }
    }

    /** A demand a writer owns, and what it knows of it; {@code version < 0}: unknown, read it first. */
    private static final class Tracked {
        final UUID id;
        long version;
        String status;

        Tracked(UUID id, long version, String status) {
            this.id = id;
            this.version = version;
            this.status = status;
        }
    }

    private final class Writer implements Runnable {

        private final int number;
        private final Random random;
        private final String token = TestTokens.enterprise(UUID.randomUUID());
        private final List<Tracked> demands = new ArrayList<>();
        private int writes;

        Writer(int number, Random random) {
            this.number = number;
            this.random = random;
        }

        @Override
        public void run() {
            while (running.get()) {
                if (demands.isEmpty() || random.nextInt(4) == 0) {
                    create();
                } else {
                    change(demands.get(random.nextInt(demands.size())));
                }
            }
        }

        private void create() {
            String title = nextTitle();
            JsonNode created = send("POST", DemandApi.DEMANDS, null, DemandApi.openable(title));
            if (created != null) {
                Tracked demand = new Tracked(UUID.fromString(created.get("id").asText()), -1, null);
                record(demand, created);
                demands.add(demand);
                open(demand);
            }
        }

        private void change(Tracked demand) {
            if (demand.version < 0) {
                JsonNode current = send("GET", DemandApi.demand(demand.id.toString()), null, null);
                if (current == null) {
                    return;
                }
                demand.version = current.get("version").asLong();
                demand.status = current.get("status").asText();
            }
            switch (demand.status) {
                case "DRAFT" -> open(demand);
                case "OPEN" -> {
                    if (random.nextInt(6) == 0) {
                        write(demand, "POST", DemandApi.demand(demand.id.toString()) + "/negotiate", null);
                    } else {
                        edit(demand);
                    }
                }
                default -> edit(demand);
            }
        }

        private void open(Tracked demand) {
            write(demand, "POST", DemandApi.demand(demand.id.toString()) + "/open", null);
        }

        private void edit(Tracked demand) {
            write(demand, "PUT", DemandApi.demand(demand.id.toString()), DemandApi.openable(nextTitle()));
        }

        /** A change at the known version (If-Match); any answer but 2xx makes the version unknown. */
        private void write(Tracked demand, String method, String path, Map<String, Object> body) {
            JsonNode after = send(method, path, "\"" + demand.version + "\"", body);
            if (after == null) {
                demand.version = -1;
            } else {
                record(demand, after);
            }
        }

        private void record(Tracked demand, JsonNode view) {
            demand.version = view.get("version").asLong();
            demand.status = view.get("status").asText();
            ledger.add(new Ack(demand.id, demand.version, demand.status, view.get("title").asText(), System.nanoTime()));
        }

        private String nextTitle() {
            return "风电齿轮箱油液在线监测 w" + number + "-" + (++writes);
        }

        /** The JSON answer of a 2xx; null (and a recorded failure) for anything else. GETs are not writes. */
        private JsonNode send(String method, String path, String ifMatch, Map<String, Object> body) {
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token).header("Accept", "application/json");
            if (ifMatch != null) {
                request.header("If-Match", ifMatch);
            }
            if (body != null) {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(json(body)));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<String> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                failures.add(new Failure(0, null, null, e.toString(), System.nanoTime()));
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running.set(false);
                return null;
            }
            if (response.statusCode() / 100 == 2) {
                try {
                    return EventJson.mapper().readTree(response.body());
                } catch (IOException e) {
                    throw new AssertionError("not JSON: " + response.body(), e);
                }
            }
            failures.add(new Failure(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                    response.headers().firstValue("Retry-After").orElse(null), response.body(), System.nanoTime()));
            return null;
        }
    }

    private static String json(Map<String, Object> body) {
        try {
            return EventJson.mapper().writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether a failure is the 503 a dependency outage must give: problem+json with a {@code Retry-After}. */
    static boolean isProperUnavailable(Failure f) {
        return f.status() == 503 && f.contentType() != null && f.contentType().startsWith(Problem.MEDIA_TYPE)
                && f.retryAfter() != null && f.retryAfter().matches("[1-9][0-9]*");
    }
}
