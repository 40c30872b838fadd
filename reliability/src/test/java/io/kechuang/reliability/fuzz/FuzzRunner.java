package io.kechuang.reliability.fuzz;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Sends the generated requests through the gateway from a few client threads and judges every answer. */
final class FuzzRunner {

    /** One answer. {@code status} is -1 when none came (the connection failed or timed out). */
    record Outcome(FuzzRequest request, int status, boolean reached, Optional<String> problemError, long millis,
            String excerpt) {
        boolean serverError() {
            return status >= 500 || status < 0;
        }
    }

    private final URI gateway;
    private final HttpClient http;
    private final RequestGenerator generator;
    private final FuzzWorld world;
    private final List<String> unsent = Collections.synchronizedList(new ArrayList<>());

    FuzzRunner(URI gateway, HttpClient http, RequestGenerator generator, FuzzWorld world) {
        this.gateway = gateway;
        this.http = http;
        this.generator = generator;
        this.world = world;
    }

    List<Outcome> run(int threads) throws InterruptedException {
        List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
        int regular = generator.size();
        AtomicInteger next = new AtomicInteger();
        int last = lastRegularSlot();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            pool.submit(() -> {
                int slot;
                while ((slot = next.getAndIncrement()) < last) {
                    try {
                        outcomes.add(send(generator.generate(slot)));
                    } catch (RuntimeException | Error e) {
                        // The suite's own fault: reported, never swallowed (an Error would end the thread silently).
                        unsent.add("slot " + slot + ": " + e);
                    }
                }
            });
        }
        pool.shutdown();
        if (!pool.awaitTermination(1, TimeUnit.HOURS)) {
            throw new IllegalStateException("the fuzz run did not end within an hour");
        }
        for (int slot = last; slot < regular; slot++) {
            outcomes.add(send(generator.generate(slot))); // the disruptive ones, one at a time, at the end
        }
        List<Outcome> sorted = new ArrayList<>(outcomes);
        sorted.sort(java.util.Comparator.comparingInt(o -> o.request().slot()));
        return sorted;
    }

    /** Slots whose request could not be made or sent (a fault of the generator, not of the platform). */
    List<String> unsent() {
        return List.copyOf(unsent);
    }

    private int lastRegularSlot() {
        int n = generator.size();
        return Math.max(0, n - RequestGenerator.LAST.size() * RequestGenerator.LAST_COUNT);
    }

    Outcome send(FuzzRequest request) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gateway + request.target()))
                .timeout(Duration.ofSeconds(90))
                .method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        if (request.body() != null && !request.contentType().isEmpty()) {
            b.header("Content-Type", request.contentType());
        }
        if (request.token() != null) {
            b.header("Authorization", "Bearer " + request.token());
        }
        request.headers().forEach(b::header);
        long t0 = System.nanoTime();
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            long millis = (System.nanoTime() - t0) / 1_000_000;
            world.observe(request.target(), r.statusCode(), r.headers().firstValue("ETag"));
            Optional<String> problem = Verdict.problemError(r.statusCode(), r.headers().firstValue("Content-Type"),
                    r.body());
            String excerpt = r.statusCode() >= 500 || problem.isPresent()
                    ? r.body().substring(0, Math.min(400, r.body().length())) : "";
            return new Outcome(request, r.statusCode(), Verdict.reachedHandler(r.statusCode(), request.pathWellFormed()),
                    problem, millis, excerpt);
        } catch (IOException e) {
            return new Outcome(request, -1, false, Optional.of("no answer: " + e), (System.nanoTime() - t0) / 1_000_000,
                    String.valueOf(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
