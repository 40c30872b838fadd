package io.kechuang.demand;

import static io.kechuang.demand.DemandApi.demand;
import static io.kechuang.demand.DemandApi.with;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kechuang.listing.ExpiryJob;
import io.kechuang.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** Two replicas' expiry jobs running at the same moment expire every overdue demand exactly once. */
@QuarkusTest
class DemandExpiryRaceTest {

    @Inject
    ExpiryJob expiry;

    @Test
    void twoConcurrentRunsExpireEachDemandExactlyOnce() throws Exception {
        LocalDate later = DemandApi.today().plusDays(2);
        expiry.expireAll(later); // whatever other tests left due, so that the count below is exact

        String owner = TestTokens.enterprise(UUID.randomUUID());
        Map<String, Integer> versionBefore = new LinkedHashMap<>();
        for (int i = 0; i < 26; i++) {
            String id = DemandApi.openedDueIn(owner, 1, "明天截止的需求 " + i);
            if (i % 3 == 0) {
                with(owner).post(demand(id) + "/negotiate").then().statusCode(200);
                versionBefore.put(id, 2);
            } else {
                versionBefore.put(id, 1);
            }
        }

        try (DemandEvents events = DemandEvents.watch()) {
            CyclicBarrier together = new CyclicBarrier(2);
            Callable<Integer> replica = () -> {
                together.await(10, TimeUnit.SECONDS);
                return expiry.expireAll(later);
            };
            ExecutorService replicas = Executors.newFixedThreadPool(2);
            int total;
            try {
                Future<Integer> a = replicas.submit(replica);
                Future<Integer> b = replicas.submit(replica);
                total = a.get(60, TimeUnit.SECONDS) + b.get(60, TimeUnit.SECONDS);
            } finally {
                replicas.shutdownNow();
            }
            assertEquals(versionBefore.size(), total, "the two runs together expired each demand once");

            for (Map.Entry<String, Integer> demand : versionBefore.entrySet()) {
                String id = demand.getKey();
                long expectedVersion = demand.getValue() + 1;
                DemandApi.read(owner, id).statusCode(200).body("status", equalTo("EXPIRED"))
                        .body("version", equalTo((int) expectedVersion));
                assertEquals(expectedVersion, events.await(id, "kechuang.demand.expired").get("aggregateVersion").asLong());
                assertEquals(1, expiredRowsInOutbox(id), "exactly one expired event written for " + id);
            }
            // A duplicate would be published right behind the first; by now every first one has arrived.
            Thread.sleep(500);
            for (String id : versionBefore.keySet()) {
                assertEquals(1, events.history(id).stream().filter(e -> e.startsWith("expired@")).count(),
                        "exactly one expired event on the topic for " + id);
            }
        }
    }

    private static long expiredRowsInOutbox(String id) throws Exception {
        Config config = ConfigProvider.getConfig();
        try (Connection db = DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
                PreparedStatement count = db.prepareStatement(
                        "select count(*) from outbox_event where message_key = ? and event_type = 'kechuang.demand.expired'")) {
            count.setString(1, id);
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
