package io.kechuang.achievement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kechuang.events.Topics;
import io.kechuang.listing.ExpiryJob;
import io.kechuang.testing.TestTokens;
import io.kechuang.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AchievementExpiryRaceTest {

    @Inject
    ExpiryJob job;

    @Test
    void twoConcurrentRunsExpireEachListingExactlyOnce() throws Exception {
        String owner = TestTokens.university(AchievementApi.newOrg());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            Map<String, Object> body = AchievementApi.publishable("即将到期的成果 " + i);
            body.put("expiresOn", LocalDate.now().plusDays(1).toString());
            ids.add(AchievementApi.published(owner, body));
        }
        try (TopicProbe events = TopicProbe.open(AchievementApi.kafka(), Topics.ACHIEVEMENTS)) {
            LocalDate later = LocalDate.now().plusDays(2);
            CountDownLatch go = new CountDownLatch(1);
            CompletableFuture<Integer> a = CompletableFuture.supplyAsync(() -> awaitThen(go, () -> job.expireAll(later)));
            CompletableFuture<Integer> b = CompletableFuture.supplyAsync(() -> awaitThen(go, () -> job.expireAll(later)));
            go.countDown();
            int total = a.get(60, TimeUnit.SECONDS) + b.get(60, TimeUnit.SECONDS);
            assertTrue(total >= ids.size(), "both runs together expired all " + ids.size() + ", got " + total);

            for (String id : ids) {
                AchievementApi.read(owner, id).statusCode(200)
                        .body("status", org.hamcrest.Matchers.equalTo("EXPIRED"))
                        .body("version", org.hamcrest.Matchers.equalTo(2));
            }
            for (String id : ids) {
                events.awaitRecord(r -> r.key().equals(id) && r.value().contains("kechuang.achievement.expired"),
                        Duration.ofSeconds(10));
            }
            // A duplicate would come right behind the first: give it a second to show up.
            Thread.sleep(1000);
            for (String id : ids) {
                long expiredEvents = events.records().stream()
                        .filter(r -> r.key().equals(id) && r.value().contains("kechuang.achievement.expired")).count();
                assertEquals(1, expiredEvents, "exactly one expired event for " + id);
            }
        }
    }

    private static int awaitThen(CountDownLatch latch, java.util.function.IntSupplier work) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return work.getAsInt();
    }
}
