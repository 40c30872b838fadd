package io.kechuang.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.kechuang.events.taxonomy.PlatformOrganisation;
import io.kechuang.reliability.HarnessPlatform;
import io.kechuang.reliability.PlatformExtension;
import io.kechuang.testing.DatabaseSnapshot;

/**
 * The whole platform end to end, started through the same launcher as {@code deploy/local/run}: the real built jars
 * of all four services as separate processes, a real Kafka broker and PostgreSQL, on free ports. Every call goes
 * through the gateway, with tokens from its {@code /auth/token}.
 *
 * <p>The platform starts with a small prefix of the demo data ({@code --demo} from code), then the story of issue
 * #9 runs on it with organisations and people an administrator registers; last, loading the demo data again (what a
 * second {@code --demo} start does) creates nothing twice.
 */
@org.junit.jupiter.api.Order(100)
@ExtendWith(PlatformExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndTest {

    private static final DemoData.Size DEMO = HarnessPlatform.DEMO;
    private static final Duration SUGGESTION_BOUND = Duration.ofSeconds(5);
    private static final String PASSWORD = "end-to-end-password-42";

    private static RunningPlatform platform;
    private static DemoSeed.Report firstDemo;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    /** The module's one platform boot ({@link PlatformExtension}), which loaded the demo data's prefix. */
    @BeforeAll
    static void startWithTheDemoData(HarnessPlatform shared) {
        platform = shared.platform();
        firstDemo = platform.demoReport().orElseThrow();
    }

    @Test
    @Order(1)
    void theDemoDataIsLoadedThroughTheGatewayAndTheDemandsGetExplainedSuggestions() throws Exception {
        assertEquals(Map.of("achievement-service", 1, "demand-service", 1, "matching-service", 1, "gateway", 1),
                platform.serviceUrls().keySet().stream().collect(Collectors.toMap(k -> k, k -> 1)));
        assertEquals(19, firstDemo.organisationsCreated());
        assertEquals(21, firstDemo.usersCreated());
        assertEquals(24, firstDemo.achievementsCreated());
        assertEquals(24, firstDemo.achievementsPublished());
        assertEquals(8, firstDemo.demandsCreated());
        assertEquals(8, firstDemo.demandsOpened());
        // No score cut-off (issue 22): every demand gets its best counterparts, each with a confidence band.
        assertEquals(8, firstDemo.demandsWithSuggestions(), "every demand has suggestions: " + firstDemo);

        // A demo person signs in and sees the suggestions of their own demand, explained.
        URI gateway = platform.gatewayUrl();
        String enterprise = signIn("liu.rd@lineng", DemoUser.DEMO_PASSWORD);
        String demandId = firstDemo.demandIds().get("battery-thermal");
        JsonNode suggestions = get(gateway, "/api/matches/demands/" + demandId + "/suggestions", enterprise, 200);
        JsonNode best = suggestions.path("items").get(0);
        assertEquals("大容量软包装锂离子电池放电过程热分析", best.path("achievement").path("title").asText());
        // No score cut-off any more (issue 22): the best suggestion is a STRONG one, its band stored and returned.
        assertEquals("STRONG", best.path("confidence").asText(), best.toString());
        List<String> shared = new ArrayList<>(texts(best.path("explanation").path("matchedTerms")));
        shared.addAll(texts(best.path("explanation").path("sharedKeywords")));
        assertTrue(shared.contains("锂离子电池"), best.path("explanation").toString());

        // Loaded as their owners: the achievement belongs to its university, listed publicly.
        String university = signIn("chen.ttc@tfut", DemoUser.DEMO_PASSWORD);
        JsonNode achievement = get(gateway, "/api/achievements/" + best.path("achievement").path("id").asText(),
                university, 200);
        assertEquals("PUBLISHED", achievement.path("status").asText());
        assertEquals("10000000-0000-4000-8000-000000000101", achievement.path("ownerOrgId").asText());
        assertTrue(platform.summary().contains("chen.ttc@tfut"), "the summary names the demo sign-ins");
    }

    @Test
    @Order(2)
    void anEnterpriseDemandMeetsAUniversityAchievementAndABrokerCarriesItToAContract() throws Exception {
        URI gateway = platform.gatewayUrl();
        String admin = platform.token(DemoUser.ADMIN);

        // 1. An admin creates organisations and users.
        String run = UUID.randomUUID().toString().substring(0, 8);
        String universityOrg = createOrganisation(gateway, admin, "端到端测试大学技术转移中心", "UNIVERSITY");
        String enterpriseOrg = createOrganisation(gateway, admin, "端到端测试动力电池有限公司", "ENTERPRISE");
        String otherOrg = createOrganisation(gateway, admin, "端到端测试另一家企业有限公司", "ENTERPRISE");
        String brokerOrg = createOrganisation(gateway, admin, "端到端测试技术经纪有限公司", "BROKERAGE");
        String universityUser = createUser(gateway, admin, "e2e-university-" + run, universityOrg, "UNIVERSITY");
        String enterpriseUser = createUser(gateway, admin, "e2e-enterprise-" + run, enterpriseOrg, "ENTERPRISE");
        String otherUser = createUser(gateway, admin, "e2e-other-" + run, otherOrg, "ENTERPRISE");
        String brokerUser = createUser(gateway, admin, "e2e-broker-" + run, brokerOrg, "BROKER");

        // 2. The enterprise signs in and opens a demand.
        String enterprise = signIn(enterpriseUser, PASSWORD);
        JsonNode me = get(gateway, "/auth/me", enterprise, 200);
        assertEquals(enterpriseOrg, me.path("organisationId").asText());
        JsonNode draft = send(gateway, "POST", "/api/demands", enterprise,
                read("../services/demand-service/examples/battery-soh.json"), 201);
        String demandId = draft.path("id").asText();
        JsonNode opened = send(gateway, "POST", "/api/demands/" + demandId + "/open", enterprise, null, 200);
        assertEquals("OPEN", opened.path("status").asText());
        assertEquals(enterpriseOrg, opened.path("ownerOrgId").asText());

        String other = signIn(otherUser, PASSWORD);
        JsonNode publicView = get(gateway, "/api/demands/" + demandId, other, 200);
        assertFalse(publicView.has("confidentialDetails") && !publicView.path("confidentialDetails").isNull(),
                "another enterprise never sees the confidential details");
        assertTrue(publicView.path("contact").isMissingNode() || publicView.path("contact").isNull());

        // 3. A university publishes a matching achievement.
        String university = signIn(universityUser, PASSWORD);
        JsonNode created = send(gateway, "POST", "/api/achievements", university,
                read("../services/matching-service/examples/battery-soh-achievement.json"), 201);
        String achievementId = created.path("id").asText();
        send(gateway, "POST", "/api/achievements/" + achievementId + "/publish", university, null, 200);
        long published = System.nanoTime();

        // 4. The suggestion appears for the enterprise and for a broker within 5 s, with an explanation.
        String broker = signIn(brokerUser, PASSWORD);
        JsonNode forEnterprise = awaitPair(gateway, demandId, achievementId, enterprise, published);
        JsonNode forBroker = awaitPair(gateway, demandId, achievementId, broker, published);
        String matchId = forEnterprise.path("id").asText();
        assertEquals(matchId, forBroker.path("id").asText());
        assertEquals("SUGGESTED", forEnterprise.path("status").asText());
        assertEquals("STRONG", forEnterprise.path("confidence").asText(), forEnterprise.toString());
        JsonNode explanation = forEnterprise.path("explanation");
        List<String> terms = texts(explanation.path("matchedTerms"));
        assertTrue(terms.stream().anyMatch(t -> t.contains("电池")), "matched terms: " + terms);
        assertTrue(texts(explanation.path("sharedKeywords")).contains("电池管理系统"), explanation.toString());
        assertTrue(texts(explanation.path("demandHighlights")).stream().anyMatch(h -> h.contains("<em>")));
        assertTrue(texts(explanation.path("achievementHighlights")).stream().anyMatch(h -> h.contains("<em>")));
        JsonNode fieldReason = reason(explanation, "FIELD");
        assertEquals("RAISED", fieldReason.path("effect").asText());
        assertEquals("同属新能源领域", fieldReason.path("zh").asText());
        assertEquals("RAISED", reason(explanation, "MATURITY").path("effect").asText(), "TRL 6 ≥ the required 4");
        JsonNode brokerView = get(gateway, "/api/matches/" + matchId, broker, 200);
        assertEquals(explanation, brokerView.path("explanation"));
        assertTrue(ids(get(gateway, "/api/matches/queue?size=100", broker, 200)).contains(matchId), "in the queue");

        // 5. The enterprise requests an introduction; the broker introduces the parties, schedules a meeting and
        //    records a contract.
        JsonNode requested = send(gateway, "POST", "/api/matches/" + matchId + "/request-introduction", enterprise,
                null, 200);
        assertNotNull(requested.path("introductionRequestedAt").textValue());
        assertEquals(matchId, get(gateway, "/api/matches/queue?assigned=unassigned&size=1", broker, 200)
                .path("items").get(0).path("id").asText(), "an introduction request goes to the top of the queue");
        assertEquals("INTRODUCED", send(gateway, "POST", "/api/matches/" + matchId + "/introduce", broker,
                json.createObjectNode().put("comment", "双方已电话沟通"), 200).path("status").asText());
        ObjectNode meeting = json.createObjectNode().put("at", "2026-12-03T14:00:00+08:00").put("place", "天府软件园E3会议室");
        meeting.putArray("participants").add("刘工").add("陈老师");
        assertEquals("MEETING_SCHEDULED", send(gateway, "POST", "/api/matches/" + matchId + "/meeting", broker, meeting,
                200).path("status").asText());
        assertEquals("NEGOTIATING", send(gateway, "POST", "/api/matches/" + matchId + "/negotiate", broker, null, 200)
                .path("status").asText());
        ObjectNode contract = json.createObjectNode().put("amount", 600000).put("currency", "CNY")
                .put("cooperationMode", "LICENCE").put("signedOn", LocalDate.now(ZoneId.of(PlatformOrganisation.ZONE)).toString());
        JsonNode contracted = send(gateway, "POST", "/api/matches/" + matchId + "/contract", broker, contract, 200);
        assertEquals("CONTRACTED", contracted.path("status").asText());
        assertEquals(600000, contracted.path("contract").path("amount").asInt());

        // 6. The demand becomes fulfilled, the statistics count the contract, and another enterprise sees none of it.
        JsonNode fulfilled = await(Duration.ofSeconds(20), "the demand to become FULFILLED",
                () -> get(gateway, "/api/demands/" + demandId, enterprise, 200),
                d -> d.path("status").asText().equals("FULFILLED"));
        assertEquals("FULFILLED", fulfilled.path("status").asText());
        JsonNode stats = get(gateway, "/api/matches/stats", broker, 200);
        assertEquals(1, stats.path("funnel").path("CONTRACTED").asInt(), stats.toString());
        assertEquals(1, stats.path("byStatus").path("CONTRACTED").asInt(), stats.toString());
        assertEquals(600000, stats.path("contractValue").path("CNY").asInt(), stats.toString());
        JsonNode achievementForEnterprise = await(Duration.ofSeconds(20), "the university's contact to be disclosed",
                () -> get(gateway, "/api/achievements/" + achievementId, enterprise, 200),
                a -> a.path("contact").has("person"));
        assertEquals("PUBLISHED", achievementForEnterprise.path("status").asText(), "a licence keeps it on the market");

        assertStatus(gateway, "/api/demands/" + demandId, other, 404);
        assertStatus(gateway, "/api/matches/demands/" + demandId + "/suggestions", other, 404);
        assertStatus(gateway, "/api/matches/" + matchId, other, 404);
        assertStatus(gateway, "/api/matches/" + matchId + "/history", other, 404);
        assertStatus(gateway, "/api/matches/stats", other, 403);
        assertFalse(ids(get(gateway, "/api/matches?size=100", other, 200)).contains(matchId));
        assertFalse(ids(get(gateway, "/api/demands?owner=" + enterpriseOrg + "&size=100", other, 200)).contains(demandId));
        JsonNode achievementForOther = get(gateway, "/api/achievements/" + achievementId, other, 200);
        assertTrue(achievementForOther.path("contact").isMissingNode() || achievementForOther.path("contact").isNull(),
                "the other enterprise was not introduced: " + achievementForOther);
        assertEquals(404, sendStatus(gateway, "POST", "/api/matches/" + matchId + "/request-introduction", other),
                "not even a hint that the match exists");
    }

    @Test
    @Order(3)
    void loadingTheDemoDataAgainCreatesNothingTwice() throws Exception {
        // What a second --demo start does once the platform is up (LocalPlatformTest restarts a platform on its
        // data; deploy/local/run --demo was checked the same way from the shell).
        DemoSeed.Report again = new DemoSeed(platform.gatewayUrl(), DemoData.load(DEMO), Progress.silent())
                .load(platform.token(DemoUser.ADMIN));
        assertEquals(0, again.organisationsCreated());
        assertEquals(0, again.usersCreated());
        assertEquals(0, again.achievementsCreated());
        assertEquals(0, again.achievementsPublished());
        assertEquals(0, again.demandsCreated());
        assertEquals(0, again.demandsOpened());
        assertEquals(firstDemo.demandIds(), again.demandIds(), "the same demands, found again");
        // Matching kept its suggestions (the story above may have added its battery achievement to some).
        firstDemo.suggestionsByDemand().forEach((key, before) -> assertTrue(
                again.suggestionsByDemand().get(key) >= before, key + ": " + again.suggestionsByDemand()));

        URI gateway = platform.gatewayUrl();
        String university = signIn("chen.ttc@tfut", DemoUser.DEMO_PASSWORD);
        JsonNode achievements = get(gateway, "/api/achievements?owner=10000000-0000-4000-8000-000000000101&size=100",
                university, 200);
        long demoAchievementsOfTfut = DemoData.load(DEMO).papers().stream().filter(p -> p.owner().equals("tfut")).count();
        assertEquals(demoAchievementsOfTfut, achievements.path("total").asLong(), "each achievement once");
        String admin = platform.token(DemoUser.ADMIN);
        JsonNode users = get(gateway, "/api/admin/users?organisationId=10000000-0000-4000-8000-000000000101", admin, 200);
        assertEquals(2, users.path("total").asInt(), "each person once");
    }

    @Test
    @Order(4)
    void afterARollbackOfTheDemandDatabaseAResyncBringsMatchingBackInLineWithIt() throws Exception {
        URI gateway = platform.gatewayUrl();
        String enterprise = platform.token(DemoUser.ENTERPRISE);
        String university = platform.token(DemoUser.UNIVERSITY);
        String broker = platform.token(DemoUser.BROKER);
        String admin = platform.token(DemoUser.ADMIN);

        // Before the backup: a demand that stays, and an achievement that suits it.
        ObjectNode body = (ObjectNode) read("../services/demand-service/examples/battery-soh.json");
        body.put("title", "动力电池SOH在线估计（回滚前）");
        String kept = send(gateway, "POST", "/api/demands", enterprise, body, 201).path("id").asText();
        send(gateway, "POST", "/api/demands/" + kept + "/open", enterprise, null, 200);
        String achievementId = send(gateway, "POST", "/api/achievements", university,
                read("../services/matching-service/examples/battery-soh-achievement.json"), 201).path("id").asText();
        send(gateway, "POST", "/api/achievements/" + achievementId + "/publish", university, null, 200);
        awaitSuggestion(gateway, kept, achievementId, enterprise);
        DatabaseSnapshot backup;
        try (Connection db = platform.postgresServer().connection("demands")) {
            backup = DatabaseSnapshot.take(db, "end_to_end_backup");
        }

        // Acknowledged after the backup, suggested, then lost with the rollback.
        body.put("title", "动力电池SOH在线估计（回滚后丢失）");
        String lost = send(gateway, "POST", "/api/demands", enterprise, body, 201).path("id").asText();
        send(gateway, "POST", "/api/demands/" + lost + "/open", enterprise, null, 200);
        String lostMatch = awaitSuggestion(gateway, lost, achievementId, enterprise).path("id").asText();
        try (Connection db = platform.postgresServer().connection("demands")) {
            backup.restore(db);
        }
        assertStatus(gateway, "/api/demands/" + lost, enterprise, 404);
        assertEquals("SUGGESTED", get(gateway, "/api/matches/" + lostMatch, broker, 200).path("status").asText(),
                "before the resync, matching still believes in the lost demand");

        // The operator resyncs the demand service.
        HttpResponse<String> started = exchange(gateway, "POST", "/api/demands/resync", admin, null);
        assertEquals(202, started.statusCode(), started::body);
        String location = URI.create(started.headers().firstValue("Location").orElseThrow()).getPath();
        JsonNode run = await(Duration.ofSeconds(60), "the resync to finish", () -> get(gateway, location, admin, 200),
                r -> !r.path("status").asText().equals("RUNNING"));
        assertEquals("DONE", run.path("status").asText(), run.toString());
        assertTrue(run.path("removed").asLong() >= 1, run.toString());

        // Matching now agrees with the database: the lost demand's suggestion expired, it is gone from search, and
        // the demand that stayed is still suggested.
        JsonNode expired = await(Duration.ofSeconds(30), "the lost demand's suggestion to expire",
                () -> get(gateway, "/api/matches/" + lostMatch, broker, 200),
                m -> m.path("status").asText().equals("EXPIRED"));
        assertEquals("EXPIRED", expired.path("status").asText());
        JsonNode found = get(gateway, "/api/search?type=DEMAND&size=50&q="
                + URLEncoder.encode("动力电池SOH在线估计", StandardCharsets.UTF_8), enterprise, 200);
        List<String> demands = ids(found);
        assertTrue(demands.contains(kept), found.toString());
        assertFalse(demands.contains(lost), "the lost demand is no longer searchable: " + found);
        assertEquals("SUGGESTED", awaitSuggestion(gateway, kept, achievementId, enterprise).path("status").asText());
    }

    /** The suggestion of the achievement for the demand, once the matching service has indexed and matched both. */
    private JsonNode awaitSuggestion(URI gateway, String demandId, String achievementId, String token) throws Exception {
        String path = "/api/matches/demands/" + demandId + "/suggestions?size=100";
        JsonNode page = await(Duration.ofSeconds(30), "a suggestion of " + achievementId + " for " + demandId, () -> {
            HttpResponse<String> answer = exchange(gateway, "GET", path, token, null);
            // 404 until the matching service has indexed the demand.
            return answer.statusCode() == 404 ? json.createObjectNode() : json.readTree(answer.body());
        }, p -> suggestionOf(p, achievementId) != null);
        return suggestionOf(page, achievementId);
    }

    private static JsonNode suggestionOf(JsonNode page, String achievementId) {
        for (JsonNode item : page.path("items")) {
            if (item.path("achievement").path("id").asText().equals(achievementId)) {
                return item;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------------------------------ helpers

    private JsonNode awaitPair(URI gateway, String demandId, String achievementId, String token, long since)
            throws Exception {
        while (true) {
            JsonNode page = get(gateway, "/api/matches/demands/" + demandId + "/suggestions?size=100", token, 200);
            for (JsonNode item : page.path("items")) {
                if (item.path("achievement").path("id").asText().equals(achievementId)) {
                    return item;
                }
            }
            long elapsed = System.nanoTime() - since;
            if (elapsed > SUGGESTION_BOUND.toNanos()) {
                throw new AssertionError("no suggestion of the achievement for the demand within "
                        + SUGGESTION_BOUND.toSeconds() + " s of publishing: " + page);
            }
            Thread.sleep(100);
        }
    }

    @Test
    @Order(5)
    void aBulkImportThroughTheGatewayIsAJobTheOwnerFollowsToItsReportAndRejectedRows() throws Exception {
        URI gateway = platform.gatewayUrl();
        String university = platform.token(DemoUser.UNIVERSITY);
        String header = "title,summary,keywords,technical_field,ip_type,trl,stage,cooperation_modes,price_negotiable,"
                + "region,language,contact_person,contact_email";
        String good = ",湿热老化1000小时衰减小于5%,钙钛矿;封装,NEW_ENERGY,INVENTION_PATENT,6,PILOT,LICENCE,true,510100,zh,"
                + "李老师,ttc@example.edu.cn";
        String bad = "端到端导入的坏行,摘要,关键词,SPACE_MINING,INVENTION_PATENT,12,PILOT,LICENCE,true,510100,zh,李老师,"
                + "ttc@example.edu.cn";
        String csv = header + "\n端到端导入的钙钛矿封装工艺" + good + "\n" + bad + "\n端到端导入的柔性组件封装" + good + "\n";

        // Accepted at once: 202 and the job's Location, whatever the file's size (the gateway's 30 s never matter).
        HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(gateway.resolve("/api/achievements/import?publish=true"))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + university)
                .header("Content-Type", "text/csv; charset=UTF-8").header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(csv, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertEquals(202, accepted.statusCode(), accepted::body);
        String job = URI.create(accepted.headers().firstValue("Location").orElseThrow()).getPath();
        assertTrue(job.matches("/api/achievements/imports/[0-9a-f-]{36}"), job);
        assertEquals("QUEUED", json.readTree(accepted.body()).path("status").asText());

        JsonNode done = await(Duration.ofSeconds(60), "the import to finish", () -> get(gateway, job, university, 200),
                j -> j.path("status").asText().equals("DONE") || j.path("status").asText().equals("FAILED"));
        assertEquals("DONE", done.path("status").asText(), done::toString);
        assertEquals(3, done.path("rowsDone").asInt());
        assertEquals(2, done.path("imported").asInt());
        assertEquals(1, done.path("rejected").asInt());
        JsonNode results = done.path("results").path("items");
        assertEquals("REJECTED", results.get(1).path("outcome").asText());
        for (int row : new int[] {0, 2}) {
            String id = results.get(row).path("id").asText();
            assertEquals("PUBLISHED", get(gateway, "/api/achievements/" + id, university, 200).path("status").asText());
        }

        HttpResponse<String> rejected = http.send(HttpRequest.newBuilder(gateway.resolve(job + "/rejected"))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + university)
                .header("Accept", "text/csv").GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertEquals(200, rejected.statusCode(), rejected::body);
        assertTrue(rejected.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        String[] lines = rejected.body().split("\n");
        assertEquals(List.of("\uFEFF" + header + ",import_errors", bad), List.of(lines[0], lines[1].substring(0, bad.length())));
        assertEquals(2, lines.length, rejected.body());

        // Another organisation does not see the job at all.
        String enterprise = platform.token(DemoUser.ENTERPRISE);
        assertStatus(gateway, job, enterprise, 404);
        HttpResponse<String> hidden = http.send(HttpRequest.newBuilder(gateway.resolve(job + "/rejected"))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + enterprise)
                .header("Accept", "text/csv, application/problem+json").GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertEquals(404, hidden.statusCode(), hidden::body);
        assertEquals(1, get(gateway, "/api/achievements/imports", university, 200).path("total").asInt());
    }

    private interface Call {
        JsonNode get() throws Exception;
    }

    private static JsonNode await(Duration limit, String what, Call call, Predicate<JsonNode> done) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        JsonNode last = call.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + limit.toSeconds() + " s for " + what + "; last: " + last);
            }
            Thread.sleep(200);
            last = call.get();
        }
        return last;
    }

    private static JsonNode reason(JsonNode explanation, String feature) {
        for (JsonNode r : explanation.path("reasons")) {
            if (r.path("feature").asText().equals(feature)) {
                return r;
            }
        }
        throw new AssertionError("no " + feature + " reason in " + explanation);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> ids(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.path("items").forEach(n -> out.add(n.path("id").asText()));
        return out;
    }

    private String createOrganisation(URI gateway, String admin, String name, String type) throws Exception {
        ObjectNode body = json.createObjectNode().put("name", name + " " + UUID.randomUUID().toString().substring(0, 4))
                .put("type", type).put("regionCode", "510100");
        String id = send(gateway, "POST", "/api/admin/organisations", admin, body, 201).path("id").asText();
        assertEquals(type, get(gateway, "/api/admin/organisations/" + id, admin, 200).path("type").asText());
        return id;
    }

    private String createUser(URI gateway, String admin, String username, String orgId, String role) throws Exception {
        ObjectNode body = json.createObjectNode().put("username", username).put("displayName", username)
                .put("password", PASSWORD).put("organisationId", orgId);
        body.putArray("roles").add(role);
        send(gateway, "POST", "/api/admin/users", admin, body, 201);
        return username;
    }

    /** A real sign-in: the OAuth2 password grant at the gateway's /auth/token. */
    private String signIn(String username, String password) throws Exception {
        String form = "grant_type=password&username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(platform.gatewayUrl().resolve("/auth/token"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer::body);
        return json.readTree(answer.body()).path("access_token").asText();
    }

    private JsonNode read(String relative) throws IOException {
        return json.readTree(Files.readString(Path.of(relative), StandardCharsets.UTF_8));
    }

    private JsonNode get(URI gateway, String path, String token, int status) throws Exception {
        return send(gateway, "GET", path, token, null, status);
    }

    private void assertStatus(URI gateway, String path, String token, int status) throws Exception {
        assertEquals(status, sendStatus(gateway, "GET", path, token), path);
    }

    private int sendStatus(URI gateway, String method, String path, String token) throws Exception {
        return exchange(gateway, method, path, token, null).statusCode();
    }

    private JsonNode send(URI gateway, String method, String path, String token, JsonNode body, int status)
            throws Exception {
        HttpResponse<String> response = exchange(gateway, method, path, token, body);
        assertEquals(status, response.statusCode(), () -> method + " " + path + ": " + response.body());
        return response.body().isBlank() ? json.createObjectNode() : json.readTree(response.body());
    }

    private HttpResponse<String> exchange(URI gateway, String method, String path, String token, JsonNode body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
