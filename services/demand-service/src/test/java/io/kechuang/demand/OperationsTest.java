package io.kechuang.demand;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kechuang.events.Topics;
import io.kechuang.testing.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OperationsTest {

    /** Health and metrics are on the management interface (paths relative to its root, /q), not the public port. */
    @TestHTTPResource(value = "/health/ready", management = true)
    URL ready;

    @TestHTTPResource(value = "/health/live", management = true)
    URL live;

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @Test
    void demandsTopicIsCreatedCompactedAtStartUp() throws Exception {
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            TopicDescription topic = admin.describeTopics(List.of(Topics.DEMANDS)).allTopicNames()
                    .get(10, TimeUnit.SECONDS).get(Topics.DEMANDS);
            assertEquals(Topics.DEMANDS_SPEC.partitions(), topic.partitions().size());
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, Topics.DEMANDS);
            Config config = admin.describeConfigs(List.of(resource)).all().get(10, TimeUnit.SECONDS).get(resource);
            assertEquals(TopicConfig.CLEANUP_POLICY_COMPACT, config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value());
        }
    }

    @Test
    void healthCoversTheDatabaseTheBrokerAndTheMatchConsumerAndMetricsCountPublishedEvents() {
        JsonPath health = given().get(ready).then().statusCode(200).extract().jsonPath();
        assertEquals("UP", health.getString("status"));
        for (String check : List.of("Database connections health check", "Kafka connection health check")) {
            assertEquals("UP", health.getString("checks.find { it.name == '" + check + "' }.status"), check);
        }

        JsonPath live = given().get(this.live).then().statusCode(200).extract().jsonPath();
        assertEquals("UP", live.getString("checks.find { it.name == 'Kafka consumers' }.status"));
        assertTrue(live.getString("checks.find { it.name == 'Kafka consumers' }.data.'demand-service-matches'")
                .startsWith("running"), live.prettify());

        DemandApi.opened(TestTokens.enterprise(UUID.randomUUID()), DemandApi.openable("指标测试需求"));
        given().get("/q/metrics").then().statusCode(404);
        String metrics = given().get(this.metrics).then().statusCode(200).extract().asString();
        for (String series : List.of("kechuang_outbox_published_total", "kechuang_match_events_restarts_total",
                "http_server_requests_seconds_count{method=\"POST\"")) {
            assertTrue(metrics.contains(series), series);
        }
    }

    @Test
    void theOpenApiDocumentCoversEveryOperationWithItsErrorsAndBilingualExamples() {
        JsonPath openApi = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().jsonPath();
        Map<String, List<String>> operations = Map.ofEntries(
                Map.entry("/api/demands", List.of("get", "post")),
                Map.entry("/api/demands/{id}", List.of("get", "put", "delete")),
                Map.entry("/api/demands/{id}/open", List.of("post")),
                Map.entry("/api/demands/{id}/negotiate", List.of("post")),
                Map.entry("/api/demands/{id}/close", List.of("post")),
                Map.entry("/api/demands/{id}/fulfil", List.of("post")),
                Map.entry("/api/demands/import", List.of("post")),
                Map.entry("/api/demands/import/template", List.of("get")),
                Map.entry("/api/demands/imports", List.of("get")),
                Map.entry("/api/demands/imports/{id}", List.of("get")),
                Map.entry("/api/demands/imports/{id}/rejected", List.of("get")));
        operations.forEach((path, methods) -> methods.forEach(method -> {
            Map<String, Object> responses = openApi.getMap("paths.'" + path + "'." + method + ".responses");
            assertTrue(responses != null && responses.containsKey("401"), method + " " + path + " documents 401");
            assertTrue(openApi.getString("paths.'" + path + "'." + method + ".summary") != null, method + " " + path);
        }));
        assertTrue(openApi.getMap("paths.'/api/demands/import'.post.responses").keySet()
                .containsAll(List.of("202", "400", "403", "409")), "an import is accepted as a job");
        assertEquals(List.of("listDemandImports", "getDemandImport", "getDemandImportRejectedRows"), List.of(
                openApi.getString("paths.'/api/demands/imports'.get.operationId"),
                openApi.getString("paths.'/api/demands/imports/{id}'.get.operationId"),
                openApi.getString("paths.'/api/demands/imports/{id}/rejected'.get.operationId")));
        Map<String, Object> replace = openApi.getMap("paths.'/api/demands/{id}'.put.responses");
        assertTrue(replace.keySet().containsAll(List.of("200", "400", "403", "404", "409", "412", "428")), replace.keySet().toString());

        Map<String, Object> examples = openApi.getMap("components.examples");
        assertTrue(examples.keySet().containsAll(List.of("demand-zh", "demand-en", "demand-view-zh", "demand-view-en",
                "demand-close-zh", "demand-close-en")), examples.keySet().toString());
        assertTrue(openApi.getString("components.examples.demand-zh.value.title").contains("动力电池"));
        assertTrue(openApi.getString("components.examples.demand-en.value.title").contains("frozen dumplings"));
        assertEquals("#/components/examples/demand-zh",
                openApi.getString("paths.'/api/demands'.post.requestBody.content.'application/json'.examples.zh.'$ref'"));
    }

    @Test
    void theConsentOperationsAreDocumentedUnderTheirOwnIdsWithTheirErrors() {
        JsonPath openApi = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().jsonPath();
        String requests = "/api/demands/{id}/access-requests";
        Map<String, String> operations = Map.ofEntries(
                Map.entry("post " + requests, "requestDemandAccess"),
                Map.entry("get " + requests, "listDemandAccessRequests"),
                Map.entry("get /api/demands/access-requests", "listAllDemandAccessRequests"),
                Map.entry("get " + requests + "/{requestId}", "getDemandAccessRequest"),
                Map.entry("post " + requests + "/{requestId}/grant", "grantDemandAccess"),
                Map.entry("post " + requests + "/{requestId}/refuse", "refuseDemandAccess"),
                Map.entry("post " + requests + "/{requestId}/revoke", "revokeDemandAccess"),
                Map.entry("get /api/demands/{id}/nda", "getDemandNda"),
                Map.entry("put /api/demands/{id}/nda", "requireDemandNda"),
                Map.entry("delete /api/demands/{id}/nda", "dropDemandNda"),
                Map.entry("post /api/demands/{id}/nda/acceptances", "acceptDemandNda"),
                Map.entry("get /api/demands/{id}/nda/acceptances", "listDemandNdaAcceptances"));
        operations.forEach((operation, id) -> {
            String at = "paths.'" + operation.substring(operation.indexOf(' ') + 1) + "'."
                    + operation.substring(0, operation.indexOf(' '));
            assertEquals(id, openApi.getString(at + ".operationId"), operation);
            Map<String, Object> responses = openApi.getMap(at + ".responses");
            assertTrue(responses.containsKey("401"), operation + " documents 401");
            assertTrue(!operation.contains("{id}") || responses.containsKey("404"), operation + " documents 404");
            assertTrue(operation.startsWith("get") || responses.containsKey("403"), operation + " documents 403");
        });
        for (String list : List.of(requests, "/api/demands/access-requests", "/api/demands/{id}/nda/acceptances")) {
            assertTrue(openApi.getList("paths.'" + list + "'.get.parameters.name").containsAll(
                    List.of("updatedSince", "page", "size")), list + " is paged and resyncs with updatedSince");
        }
        assertEquals(List.of(), openApi.getList(
                "paths.'" + requests + "/{requestId}/grant'.post.responses.'409'.content.'application/problem+json'"
                        + ".examples.illegal.value.allowedTransitions"));
    }
}
