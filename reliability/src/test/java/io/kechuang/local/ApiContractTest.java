package io.kechuang.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.kechuang.reliability.HarnessPlatform;
import io.kechuang.reliability.PlatformExtension;
import io.kechuang.client.ApiClient;
import io.kechuang.client.ApiException;
import io.kechuang.client.api.AchievementsApi;
import io.kechuang.client.api.BrokerWorkflowApi;
import io.kechuang.client.api.DemandsApi;
import io.kechuang.client.api.MatchSuggestionsApi;
import io.kechuang.client.api.SearchApi;
import io.kechuang.client.api.SignInApi;
import io.kechuang.client.model.Achievement;
import io.kechuang.client.model.AchievementRequest;
import io.kechuang.client.model.Demand;
import io.kechuang.client.model.DemandRequest;
import io.kechuang.client.model.FieldError;
import io.kechuang.client.model.Match;
import io.kechuang.client.model.MatchPage;
import io.kechuang.client.model.MatchStatus;
import io.kechuang.client.model.Problem;
import io.kechuang.client.model.SearchHit;
import io.kechuang.client.model.SearchResult;

/**
 * The API contract against the real platform (every service and the gateway as processes, real Kafka and
 * PostgreSQL, random ports): the module's one shared boot ({@link PlatformExtension}), for both parts:
 * <ul>
 * <li>the merged document the gateway serves at {@code /openapi} is the committed {@code api/kechuang-openapi.json}
 * (apart from the services' addresses). When it is not, this test writes the new document there and fails, so
 * that every change of the API shows up in review: look at {@code git diff api/}, commit it, run again;</li>
 * <li>the Java client generated from that file in this build ({@code io.kechuang.client}, see the pom) does what a
 * partner portal and an enterprise's people do, with nothing hand-written but the calls.</li>
 * </ul>
 */
@Order(200)
@ExtendWith(PlatformExtension.class)
class ApiContractTest {

    /** The committed contract, relative to this module. */
    static final Path COMMITTED = Path.of("../api/kechuang-openapi.json");

    private static RunningPlatform platform;
    private final ObjectMapper json = new ObjectMapper();

    /** The module's one platform boot ({@link PlatformExtension}). */
    @BeforeAll
    static void start(HarnessPlatform shared) {
        platform = shared.platform();
    }

    @Test
    void theCommittedDocumentIsWhatThePlatformServes() throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(platform.gatewayUrl().resolve("/openapi")).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertEquals(200, answer.statusCode(), answer::body);
        String served = normalised(json.readTree(answer.body()));
        String committed = Files.exists(COMMITTED) ? Files.readString(COMMITTED, StandardCharsets.UTF_8) : "";
        if (!served.equals(committed)) {
            Files.writeString(COMMITTED, served, StandardCharsets.UTF_8);
            throw new AssertionError("api/kechuang-openapi.json differed from what the platform serves, and has been "
                    + "rewritten: review `git diff api/`, commit it, and run the build again");
        }
    }

    @Test
    void aPartnerPortalSignsInWithClientCredentialsAndSearches() throws Exception {
        ApiClient university = signedIn(DemoUser.UNIVERSITY.subject(), DemoUser.DEMO_PASSWORD);
        AchievementsApi achievements = new AchievementsApi(university);
        AchievementRequest request = example("../services/matching-service/examples/battery-soh-achievement.json",
                AchievementRequest.class, university);
        OffsetDateTime before = OffsetDateTime.now().minusSeconds(1);
        Achievement created = achievements.createAchievement(request, UUID.randomUUID().toString());
        Achievement published = achievements.publishAchievement(created.getId(), null);
        assertEquals("PUBLISHED", published.getStatus().getValue());

        SignInApi signIn = new SignInApi(new ApiClient().setBasePath(base()));
        String secret = Files.readString(platform.layout().partnerClientSecret()).strip();
        String token = signIn.issueToken("client_credentials", null, null, DemoUser.PARTNER.subject(), secret)
                .getAccessToken();
        ApiClient portal = new ApiClient().setBasePath(base());
        portal.setBearerToken(token);
        assertEquals("PARTNER", new SignInApi(portal).getCurrentCaller().getOrgType());

        SearchResult found = awaitSearch(new SearchApi(portal), "锂离子电池健康状态", published.getId());
        SearchHit hit = found.getItems().stream().filter(h -> h.getId().equals(published.getId())).findFirst()
                .orElseThrow();
        assertEquals(published.getTitle(), hit.getTitle());
        assertTrue(hit.getHighlights().stream().anyMatch(h -> h.contains("<em>")), hit.toString());

        // The change feed: what changed since a moment, without the rest.
        assertTrue(achievements.listAchievements(null, null, 0, 100, null, before).getItems().stream()
                .anyMatch(a -> a.getId().equals(published.getId())));
        assertFalse(achievements.listAchievements(null, null, 0, 100, null,
                OffsetDateTime.now().plusMinutes(1)).getItems().stream()
                .anyMatch(a -> a.getId().equals(published.getId())));
    }

    @Test
    void anEnterpriseReadsItsOwnDemandsSuggestions() throws Exception {
        ApiClient university = signedIn(DemoUser.UNIVERSITY.subject(), DemoUser.DEMO_PASSWORD);
        AchievementsApi achievements = new AchievementsApi(university);
        Achievement achievement = achievements.createAchievement(example(
                "../services/matching-service/examples/battery-soh-achievement.json", AchievementRequest.class,
                university), null);
        achievements.publishAchievement(achievement.getId(), null);

        ApiClient enterprise = signedIn(DemoUser.ENTERPRISE.subject(), DemoUser.DEMO_PASSWORD);
        DemandsApi demands = new DemandsApi(enterprise);
        Demand draft = demands.createDemand(example("../services/demand-service/examples/battery-soh.json",
                DemandRequest.class, enterprise), UUID.randomUUID().toString());
        OffsetDateTime opened = OffsetDateTime.now().minusSeconds(1);
        Demand open = demands.openDemand(draft.getId(), "\"" + draft.getVersion() + "\"");
        assertEquals("OPEN", open.getStatus().getValue());

        MatchSuggestionsApi suggestions = new MatchSuggestionsApi(enterprise);
        Match match = awaitSuggestion(suggestions, open.getId(), achievement.getId());
        assertEquals(MatchStatus.SUGGESTED, match.getStatus());
        assertTrue(match.getScore() > 0 && match.getScore() <= 1, match.toString());
        assertFalse(match.getExplanation().getReasons().isEmpty(), match.toString());
        assertEquals(match.getId(), suggestions.getMatch(match.getId()).getId());

        // The organisation's matches, with the change feed.
        BrokerWorkflowApi workflow = new BrokerWorkflowApi(enterprise);
        assertTrue(ids(workflow.listOrganisationMatches(0, 100, null, opened)).contains(match.getId()));
        assertFalse(ids(workflow.listOrganisationMatches(0, 100, null, OffsetDateTime.now().plusMinutes(1)))
                .contains(match.getId()));
        assertTrue(ids(suggestions.listDemandSuggestions(open.getId(), null, null, 0, 100, null, opened))
                .contains(match.getId()));
    }

    @Test
    void anErrorComesBackAsATypedProblem() throws Exception {
        ApiClient enterprise = signedIn(DemoUser.ENTERPRISE.subject(), DemoUser.DEMO_PASSWORD);
        DemandRequest request = example("../services/demand-service/examples/battery-soh.json", DemandRequest.class,
                enterprise);
        request.getBudget().setMin(BigDecimal.valueOf(900000));
        request.getBudget().setMax(BigDecimal.valueOf(300000));
        ApiException failure = assertThrows(ApiException.class,
                () -> new DemandsApi(enterprise).createDemand(request, null));
        assertEquals(400, failure.getCode());
        assertTrue(failure.getResponseHeaders().entrySet().stream().anyMatch(h -> h.getKey().equalsIgnoreCase(
                "Content-Type") && h.getValue().getFirst().startsWith("application/problem+json")), failure::toString);
        Problem problem = enterprise.getObjectMapper().readValue(failure.getResponseBody(), Problem.class);
        assertEquals(400, problem.getStatus());
        assertNotNull(problem.getTitle());
        assertTrue(problem.getErrors().stream().map(FieldError::getField).anyMatch(f -> f.startsWith("budget")),
                problem.toString());

        // A portal may not see the broker queue: 403, typed the same way.
        ApiClient portal = new ApiClient().setBasePath(base());
        portal.setBearerToken(platform.token(DemoUser.PARTNER));
        ApiException forbidden = assertThrows(ApiException.class, () -> new BrokerWorkflowApi(portal)
                .listBrokerQueue(null, null, null, null, null, null, null, null, null, null, null));
        assertEquals(403, forbidden.getCode());
        assertEquals(403, portal.getObjectMapper().readValue(forbidden.getResponseBody(), Problem.class).getStatus());
    }

    // ------------------------------------------------------------------------------------------ helpers

    /** The document as committed: pretty-printed, without the services' addresses (random ports here). */
    private String normalised(JsonNode document) throws IOException {
        document.path("x-kechuang-sources").forEach(source -> ((ObjectNode) source).remove("url"));
        return json.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(document) + "\n";
    }

    private String base() {
        String url = platform.gatewayUrl().toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** A person signs in with the password grant, through the generated client. */
    private ApiClient signedIn(String username, String password) throws ApiException {
        String token = new SignInApi(new ApiClient().setBasePath(base()))
                .issueToken("password", username, password, null, null).getAccessToken();
        ApiClient client = new ApiClient().setBasePath(base());
        client.setBearerToken(token);
        return client;
    }

    /** One of the repository's example bodies, read into the generated model. */
    private static <T> T example(String relative, Class<T> type, ApiClient client) throws IOException {
        return client.getObjectMapper().readValue(Files.readString(Path.of(relative), StandardCharsets.UTF_8), type);
    }

    private static List<UUID> ids(MatchPage page) {
        return page.getItems().stream().map(Match::getId).toList();
    }

    private static SearchResult awaitSearch(SearchApi search, String q, UUID id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            SearchResult result = search.searchMarket(null, null, null, null, null, 0, q, null, 50, null, null);
            if (result.getItems().stream().anyMatch(h -> h.getId().equals(id)) || System.nanoTime() > deadline) {
                return result;
            }
            Thread.sleep(200);
        }
    }

    private static Match awaitSuggestion(MatchSuggestionsApi suggestions, UUID demandId, UUID achievementId)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                for (Match m : suggestions.listDemandSuggestions(demandId, null, null, 0, 100, null, null).getItems()) {
                    if (m.getAchievement().getId().equals(achievementId)) {
                        return m;
                    }
                }
            } catch (ApiException e) {
                if (e.getCode() != 404) { // 404 until the matching service has indexed the demand
                    throw e;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no suggestion of " + achievementId + " for " + demandId + " within 30 s");
            }
            Thread.sleep(200);
        }
    }
}
