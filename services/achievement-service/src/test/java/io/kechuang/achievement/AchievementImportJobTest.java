package io.kechuang.achievement;

import static io.kechuang.achievement.AchievementApi.ACHIEVEMENTS;
import static io.kechuang.achievement.AchievementApi.finishedImport;
import static io.kechuang.achievement.AchievementApi.startImport;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kechuang.achievement.service.AchievementService;
import io.kechuang.events.Topics;
import io.kechuang.listing.ImportWorker;
import io.kechuang.listing.csv.CsvImport;
import io.kechuang.listing.csv.CsvImporter;
import io.kechuang.listing.csv.ImportJobs;
import io.kechuang.testing.TestTokens;
import io.kechuang.testing.TopicProbe;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Imports as jobs, under the condition the synchronous import failed: a replica that dies mid-job (5,000 rows:
 * {@link AchievementImportThroughputTest}).
 * A dead replica is stood in for by this test: it claims the job ({@link ImportJobs#claim(String, Duration, UUID)})
 * while the service's own worker is held, commits batches through the same {@link CsvImporter#runBatch}, loses one
 * batch to a rollback (what a kill mid-batch leaves), and its lease then expires.
 */
@QuarkusTest
class AchievementImportJobTest {

    private static final String HEADER = "title,summary,keywords,technical_field,ip_type,trl,stage,cooperation_modes,"
            + "price_negotiable,region,language,contact_person,contact_email\n";
    private static final String DEAD_REPLICA = "replica-that-dies";

    @Inject
    ImportWorker worker;

    @Inject
    ImportJobs jobs;

    @Inject
    CsvImporter importer;

    @Inject
    AchievementService achievements;

    @Inject
    EntityManager em;

    private final UUID org = AchievementApi.newOrg();
    private final String owner = TestTokens.university(org);

    /** {@code n} complete rows that publish, with distinct titles. */
    static String rows(int n, String run) {
        return IntStream.rangeClosed(1, n).mapToObj(i -> "钙钛矿组件封装工艺 " + run + " 第" + i + "号,湿热老化1000小时衰减小于5%,"
                        + "钙钛矿;封装,NEW_ENERGY,INVENTION_PATENT,6,PILOT,LICENCE,true,510100,zh,李老师,ttc@example.edu.cn")
                .collect(Collectors.joining("\n", HEADER, "\n"));
    }

    @Test
    void aJobResumesAfterTheLastCommittedBatchWhenItsReplicaDiesAndImportsEveryRowOnce() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String file = rows(250, run);
        CsvImport<?> kind = achievements.csvImport();
        String job;
        try (TopicProbe events = TopicProbe.open(AchievementApi.kafka(), Topics.ACHIEVEMENTS)) {
            try (AutoCloseable held = worker.hold()) {
                job = startImport(AchievementApi.csv(owner, file).queryParam("publish", true));
                UUID id = UUID.fromString(job.substring(job.lastIndexOf('/') + 1));
                ImportJobs.Claim claim = jobs.claim(DEAD_REPLICA, Duration.ofHours(1), id).orElseThrow();
                assertEquals(CsvImporter.Progress.MORE, runBatch(kind, claim), "one batch of 100 committed");
                given().auth().oauth2(owner).get(job).then().statusCode(200)
                        .body("status", equalTo("RUNNING")).body("rowsDone", equalTo(100))
                        .body("imported", equalTo(100)).body("startedAt", notNullValue());

                // Killed mid-batch: the batch's rows, events and progress roll back together.
                QuarkusTransaction.begin();
                runBatch(kind, claim);
                QuarkusTransaction.rollback();
                given().auth().oauth2(owner).get(job).then().body("rowsDone", equalTo(100));

                // The replica is gone: its lease runs out (here at once), and the service's worker takes over.
                QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                        "update import_job set lease_until = now() - interval '1 second' where id = ?1")
                        .setParameter(1, id).executeUpdate());
            }
            finishedImport(owner, job).body("rows", equalTo(250)).body("rowsDone", equalTo(250))
                    .body("imported", equalTo(250)).body("rejected", equalTo(0)).body("results.total", equalTo(250));

            List<String> ids = AchievementApi.reportIds(owner, job, 250);
            assertEquals(250, new HashSet<>(ids).size(), "every row has its own listing");
            AchievementApi.with(owner).queryParam("owner", org.toString()).get(ACHIEVEMENTS).then()
                    .body("total", equalTo(250));
            assertEquals(250L, count("select count(*) from outbox_event where message_key in (select "
                    + "cast(listing_id as varchar) from import_job_row where job_id = ?1)", id(job)), "one event per row");
            awaitPublishedOncePerId(events, ids, Duration.ofSeconds(60));

            // The dead replica, back from a pause, can commit nothing more.
            ImportJobs.Claim stale = new ImportJobs.Claim(id(job), kind.scope(), null, true, file);
            assertEquals(CsvImporter.Progress.LOST, runBatch(kind, stale));
        }
    }

    /** One batch of 100 rows as the dead replica. */
    private <R> CsvImporter.Progress runBatch(CsvImport<R> kind, ImportJobs.Claim claim) {
        return importer.runBatch(kind, claim, DEAD_REPLICA, kind.schema().parse(claim.file(), Integer.MAX_VALUE), 100,
                Duration.ofHours(1));
    }


    private static void awaitPublishedOncePerId(TopicProbe events, List<String> ids, Duration timeout) {
        Set<String> expected = new HashSet<>(ids);
        Set<String> seen = new HashSet<>();
        events.awaitRecord(r -> expected.contains(r.key()) && seen.add(r.key()) && seen.size() == expected.size(),
                timeout);
        Map<String, Integer> perId = new HashMap<>();
        for (ConsumerRecord<String, String> r : events.records()) {
            if (expected.contains(r.key())) {
                perId.merge(r.key(), 1, Integer::sum);
            }
        }
        assertEquals(Set.of(1), new HashSet<>(perId.values()), "exactly one event per imported row");
    }

    private static UUID id(String job) {
        return UUID.fromString(job.substring(job.lastIndexOf('/') + 1));
    }

    private long count(String sql, UUID job) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(sql).setParameter(1, job)
                .getSingleResult()).longValue());
    }
}
