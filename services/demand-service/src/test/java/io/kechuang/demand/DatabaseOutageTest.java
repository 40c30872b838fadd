package io.kechuang.demand;

import static io.kechuang.events.match.MatchStatus.INTRODUCED;
import static io.kechuang.events.match.MatchStatus.SUGGESTED;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kechuang.common.consumer.DeadLetterQueue;
import io.kechuang.common.problem.Problem;
import io.kechuang.common.problem.ProblemMappers;
import io.kechuang.events.Topics;
import io.kechuang.listing.match.MatchEventsConfig;
import io.kechuang.testing.MatchEvents;
import io.kechuang.testing.MatchEvents.Match;
import io.kechuang.testing.TopicProbe;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The service's database goes down. Requests answer 503 with {@code Retry-After} (also when it dies just before a
 * commit) and readiness is down until it is back, then both recover without a restart. A match event waiting to be
 * applied is retried until the database is back, never dead-lettered, and then applied; a malformed record behind it
 * still goes to the dead-letter topic. The service runs here on a PostgreSQL server of its own ({@link OwnDatabase}),
 * which the tests stop ({@code pg_ctl stop -m fast}: its connections are cut, its port refuses new ones) or crash, and
 * start again on the same data and port.
 */
@QuarkusTest
@TestProfile(OwnDatabase.class)
class DatabaseOutageTest {

    /** Readiness, on the management interface (the path is relative to its root, /q). */
    @TestHTTPResource(value = "/health/ready", management = true)
    URL ready;
    /** Agroal's readiness check of the default datasource. */
    private static final String DATABASE_CHECK = "Database connections health check";
    private static final Pattern STILL_DOWN = Pattern.compile("Still unavailable while processing " + Topics.MATCHES);

    @Inject
    MatchEventsConfig consumer;

    @Inject
    CommitProbe commits;

    @Test
    void aMatchEventWaitsForTheDatabaseAndIsAppliedOnceItIsBack() throws Exception {
        assertTrue(ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class)
                .endsWith(":" + OwnPostgres.port() + "/demands"), "the service runs on the database this test stops");
        DemandApi.Enterprise owner = DemandApi.Enterprise.register();
        String id = DemandApi.opened(owner.user(), DemandApi.openable("电网变压器油色谱在线监测"));
        Match match = Match.between(UUID.fromString(id), owner.org(), UUID.randomUUID(), UUID.randomUUID());
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        String poison = UUID.randomUUID().toString();

        ConfidentialityTest.LogCapture log = ConfidentialityTest.LogCapture.start();
        try (MatchEvents matches = MatchEvents.open(bootstrap, consumer.group());
                TopicProbe deadLetters = TopicProbe.open(bootstrap, Topics.DEMAND_SERVICE_DLQ_SPEC.name())) {
            matches.publish(match.next(SUGGESTED));
            matches.awaitConsumed();

            OwnPostgres.stopServer();
            matches.publish(match.next(INTRODUCED));
            matches.publish(poison, "not an event");
            // Far more failed attempts than the 4 allowed for other errors, and nothing is given up.
            awaitLog(log, "Infrastructure unavailable while processing " + Topics.MATCHES);
            awaitFailures(log, 8);
            deadLetters.assertNoRecord(r -> true, Duration.ofSeconds(1));
            assertThrowsAssertion(() -> matches.awaitConsumed(Duration.ofMillis(500)));

            OwnPostgres.restartServer();
            matches.awaitConsumed(Duration.ofSeconds(60));
            DemandApi.read(owner.user(), id).statusCode(200).body("status", equalTo("IN_NEGOTIATION"))
                    .body("version", equalTo(2));
            ConsumerRecord<String, String> dead = deadLetters.awaitRecord(r -> poison.equals(r.key()), DemandEvents.WAIT);
            assertEquals("1", new String(dead.headers().lastHeader(DeadLetterQueue.ATTEMPTS).value(),
                    StandardCharsets.UTF_8), "the malformed record is still dead-lettered at once");
            deadLetters.assertNoRecord(r -> match.id().toString().equals(r.key()), Duration.ofSeconds(1));
            assertTrue(log.text().contains("Infrastructure back: processed " + Topics.MATCHES), log.text());
        } finally {
            log.stop();
            OwnPostgres.ensureRunning();
        }
    }

    @Test
    void whileTheDatabaseIsDownRequestsAnswer503WithRetryAfterAndTheServiceIsNotReadyUntilItIsBack() {
        DemandApi.Enterprise owner = DemandApi.Enterprise.register();
        String id = DemandApi.opened(owner.user(), DemandApi.openable("风电齿轮箱故障预警"));
        assertDatabaseCheck(given().get(ready).then().statusCode(200), "UP");

        OwnPostgres.stopServer();
        try {
            assertUnavailable(DemandApi.with(owner.user()).get(DemandApi.demand(id)).then());
            assertUnavailable(DemandApi.with(owner.user()).body(DemandApi.openable("储能电站热失控预警"))
                    .post(DemandApi.DEMANDS).then());
            assertUnavailable(DemandApi.with(owner.user()).header("If-Match", "\"1\"")
                    .body(DemandApi.openable("风电齿轮箱故障预警（修订）")).put(DemandApi.demand(id)).then());
            assertDatabaseCheck(given().get(ready).then().statusCode(503), "DOWN");
        } finally {
            OwnPostgres.restartServer();
        }

        awaitStatus(() -> DemandApi.with(owner.user()).get(DemandApi.demand(id)).then(), 200);
        awaitStatus(() -> given().get(ready).then(), 200);
        assertDatabaseCheck(given().get(ready).then().statusCode(200), "UP");
        DemandApi.with(owner.user()).body(DemandApi.openable("储能电站热失控预警")).post(DemandApi.DEMANDS).then()
                .statusCode(201);
        DemandApi.with(owner.user()).header("If-Match", "\"1\"").body(DemandApi.openable("风电齿轮箱故障预警（修订）"))
                .put(DemandApi.demand(id)).then().statusCode(200).header("ETag", "\"2\"");
    }

    /**
     * The database dies between a request's last statement and its commit: the exception the transaction interceptor
     * throws, as a resource method would throw it, is mapped to 503.
     */
    @Test
    void aCommitThatFailsBecauseTheDatabaseCrashedAnswers503() {
        DemandApi.Enterprise owner = DemandApi.Enterprise.register();
        UUID id = UUID.fromString(DemandApi.opened(owner.user(), DemandApi.openable("光伏组件隐裂检测")));
        Throwable failure;
        try {
            failure = assertThrows(Throwable.class, () -> commits.touchThen(id, OwnPostgres::crashServer));
        } finally {
            OwnPostgres.ensureRunning();
        }
        // Narayana's RollbackException carries the driver's error only as a suppressed exception.
        Response response = new ProblemMappers().unexpected(failure, requestFor(DemandApi.demand(id.toString())));
        assertEquals(503, response.getStatus(), () -> "a failed commit while the database is down: " + failure);
        assertEquals(String.valueOf(ProblemMappers.RETRY_AFTER_SECONDS), response.getHeaderString("Retry-After"));
    }

    /** The request information a mapper reads: only its path. */
    private static UriInfo requestFor(String path) {
        return (UriInfo) Proxy.newProxyInstance(UriInfo.class.getClassLoader(), new Class<?>[] {UriInfo.class},
                (proxy, method, args) -> "getPath".equals(method.getName()) ? path : null);
    }

    /** 503 problem+json naming no internals, with a {@code Retry-After} of a few seconds. */
    static void assertUnavailable(ValidatableResponse response) {
        response.statusCode(503).contentType(Problem.MEDIA_TYPE)
                .header("Retry-After", matchesPattern("[1-9][0-9]?"))
                .body("status", equalTo(503))
                .body("type", equalTo("https://kechuang.io/problems/service-unavailable"))
                .body("retryAfterSeconds", greaterThan(0))
                .body(not(containsStringIgnoringCase("exception")))
                .body(not(containsStringIgnoringCase("sql")));
    }

    private static void assertDatabaseCheck(ValidatableResponse readiness, String status) {
        readiness.body("checks.find { it.name == '" + DATABASE_CHECK + "' }.status", equalTo(status));
    }

    /** Polls until {@code request} answers {@code status}, for at most 60 s. */
    private static void awaitStatus(Supplier<ValidatableResponse> request, int status) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        int last;
        while ((last = request.get().extract().statusCode()) != status) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("still " + last + " instead of " + status + " 60 s after the database came back");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static void awaitLog(ConfidentialityTest.LogCapture log, String text) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!log.text().contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not logged within 30 s: " + text);
            }
            Thread.sleep(50);
        }
    }

    private static void awaitFailures(ConfidentialityTest.LogCapture log, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (count(log.text()) < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(count + " failed attempts not seen within 30 s: " + count(log.text()));
            }
            Thread.sleep(50);
        }
    }

    private static int count(String text) {
        Matcher m = STILL_DOWN.matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static void assertThrowsAssertion(Runnable check) {
        try {
            check.run();
        } catch (AssertionError expected) {
            return;
        }
        throw new AssertionError("the consumer moved past the record while the database was down");
    }
}
