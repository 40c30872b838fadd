package io.kechuang.demand;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/**
 * The service on a PostgreSQL server of its own ({@link OwnPostgres}), which tests stop, crash and start again. Every
 * test class that takes the database away uses this one profile, so that they share one Quarkus start. Backoffs are
 * capped at 1 s so that recovery shows quickly.
 */
public class OwnDatabase implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("kechuang.match-events.max-backoff", "1s",
                "kechuang.outbox.max-backoff", "1s");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(OwnPostgres.class));
    }
}
