package io.kechuang.reliability.fuzz;

import java.security.SecureRandom;

/**
 * How a fuzz run is sized. {@code -Dfuzz.seed=N} replays a run (CI uses {@link #CI_SEED}); {@code -Dfuzz.seed=random}
 * draws a new seed, which the report prints so the run can be replayed. {@code -Dfuzz.requests} is the number of
 * generated requests (at least {@link #MIN_REQUESTS} in CI), {@code -Dfuzz.threads} the client threads.
 */
public record FuzzSettings(long seed, int requests, int threads) {

    public static final long CI_SEED = 27;
    public static final int MIN_REQUESTS = 10_000;

    public FuzzSettings {
        if (requests < 1 || threads < 1) {
            throw new IllegalArgumentException("requests and threads must be positive: " + requests + ", " + threads);
        }
    }

    public static FuzzSettings fromSystemProperties() {
        String seed = System.getProperty("fuzz.seed", "").strip();
        long s = seed.isEmpty() ? CI_SEED
                : seed.equalsIgnoreCase("random") ? new SecureRandom().nextLong() : Long.parseLong(seed);
        int requests = Integer.parseInt(System.getProperty("fuzz.requests", String.valueOf(MIN_REQUESTS)).strip());
        int threads = Integer.parseInt(System.getProperty("fuzz.threads", "4").strip());
        return new FuzzSettings(s, requests, threads);
    }
}
