package io.kechuang.demand;

import static io.kechuang.demand.DemandApi.DEMANDS;
import static io.kechuang.demand.DemandApi.finishedImport;
import static io.kechuang.demand.DemandApi.startImport;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kechuang.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DemandCsvImportTest {

    private static final String COLUMNS = "title,problem_statement,technical_indicators,confidential_details,keywords,"
            + "technical_field,budget_min,budget_max,budget_currency,deadline,cooperation_modes,min_trl,region,language,"
            + "contact_person,contact_phone,contact_email\n";

    private final DemandApi.Enterprise acme = DemandApi.Enterprise.register();
    private final UUID org = acme.org();
    private final String owner = acme.user();
    private final String deadline = DemandApi.today().plusMonths(8).toString();

    private RequestSpecification upload(String csv) {
        return DemandApi.csv(owner, csv);
    }

    @Test
    void goodRowsAreImportedAndEachBadRowNamesEveryBadColumn() {
        String csv = COLUMNS
                + "电池SOH在线估计,BMS端在线估计电芯SOH,误差≤3%;耗时≤50ms,导入保密信息甲,电池;SOH,NEW_ENERGY,300000,800000,CNY,"
                + deadline + ",JOINT_DEVELOPMENT;TECHNICAL_SERVICE,4,510100,zh,刘工,028-86000000,\n"
                + "错误百出的需求,描述,指标,,关键词,SPACE_MINING,900000,100000,RMB,31/12/2027,LICENCE;BARTER,12,510100,zh,赵工,,\n"
                + "\"冷链物流, 温度预测\",预测冷库温度,误差≤0.5℃,,\"冷链；温度预测\",MODERN_AGRICULTURE,,150000,CNY,"
                + deadline + ",CONSULTING,,510100,zh,钱工,,qian@example.com\n"
                + "地区和邮箱都不对,描述,指标,,关键词,NEW_MATERIALS,,,,,,,Chengdu,zh,孙工,,not-an-email\n";

        String job = startImport(upload(csv));
        String report = finishedImport(owner, job)
                .body("rows", equalTo(4)).body("rowsDone", equalTo(4)).body("imported", equalTo(2))
                .body("rejected", equalTo(2)).body("published", equalTo(false))
                .body("results.items[0].outcome", equalTo("IMPORTED")).body("results.items[0].id", notNullValue())
                .body("results.items[0].errors", nullValue())
                .body("results.items[1].row", equalTo(2)).body("results.items[1].outcome", equalTo("REJECTED"))
                .body("results.items[1].id", nullValue()).body("results.items[1].title", equalTo("错误百出的需求"))
                .body("results.items[1].errors.field", contains("budget_currency", "budget_max", "cooperation_modes",
                        "deadline", "min_trl", "technical_field"))
                .body("results.items[1].errors.find { it.field == 'cooperation_modes' }.message", startsWith("'BARTER'"))
                .body("results.items[2].title", equalTo("冷链物流, 温度预测"))
                .body("results.items[3].errors.field", contains("contact_email", "region"))
                .extract().asString();
        assertFalse(report.contains("导入保密信息甲"), "the report never repeats confidential cells");

        Map<String, JsonNode> imported = new HashMap<>();
        for (JsonNode demand : DemandApi.page(owner, org).get("items")) {
            imported.put(demand.get("title").asText(), demand);
        }
        assertEquals(Set.of("电池SOH在线估计", "冷链物流, 温度预测"), imported.keySet());
        imported.values().forEach(demand -> assertEquals("DRAFT", demand.get("status").asText()));
        JsonNode coldChain = imported.get("冷链物流, 温度预测");
        assertEquals("[\"冷链\",\"温度预测\"]", coldChain.get("keywords").toString(), "full-width separators split lists too");
        assertEquals(150000, coldChain.get("budget").get("max").asInt());
        JsonNode battery = imported.get("电池SOH在线估计");
        assertEquals("[\"误差≤3%\",\"耗时≤50ms\"]", battery.get("technicalIndicators").toString());
        assertEquals("导入保密信息甲", battery.get("confidentialDetails").asText(), "the owner sees what it imported");
    }

    @Test
    void importingWithOpenOpensCompleteRowsAndRejectsIncompleteOnes() {
        String csv = COLUMNS
                + "焊缝缺陷视觉检测,在线检测焊缝气孔与裂纹,漏检率≤1%,导入保密信息乙,焊缝;视觉检测,ADVANCED_MANUFACTURING,,500000,CNY,"
                + deadline + ",TECHNICAL_SERVICE,6,320500,zh,周工,0512-66000000,\n"
                + "缺截止日期和币种,描述,指标,,关键词,NEW_ENERGY,,500000,,,JOINT_DEVELOPMENT,,510100,zh,吴工,,wu@example.com\n";
        try (DemandEvents events = DemandEvents.watch()) {
            String id = finishedImport(owner, startImport(upload(csv).queryParam("open", true)))
                    .body("imported", equalTo(1)).body("published", equalTo(true))
                    .body("results.items[1].errors.field", contains("budget_currency", "deadline"))
                    .extract().path("results.items[0].id");
            DemandApi.read(owner, id).statusCode(200).body("status", equalTo("OPEN")).body("version", equalTo(1));
            JsonNode opened = events.await(id, "kechuang.demand.opened");
            assertEquals("320500", opened.get("data").get("region").asText());
            assertFalse(opened.toString().contains("导入保密信息乙") || opened.toString().contains("0512-66000000"),
                    opened.toString());
        }
        DemandApi.with(owner).queryParam("owner", org.toString()).get(DEMANDS).then().body("total", equalTo(1));
    }

    @Test
    void aBadHeaderOrAnEmptyFileRejectsTheWholeFile() {
        upload("title,colour\n红色需求,red\n").post(DEMANDS + "/import").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("header")).body("errors[0].message", containsString("colour"));
        upload("keywords,keywords\n电池,储能\n").post(DEMANDS + "/import").then().statusCode(400)
                .body("errors.message", contains("column 'keywords' appears twice", "the title column is required"));
        upload("title\n").post(DEMANDS + "/import").then().statusCode(400)
                .body("errors[0].field", equalTo("file")).body("errors[0].message", containsString("no data rows"));
        upload("").post(DEMANDS + "/import").then().statusCode(400).body("errors[0].field", equalTo("file"));
        DemandApi.with(owner).queryParam("owner", org.toString()).get(DEMANDS).then().body("total", equalTo(0));
        given().auth().oauth2(owner).get(DEMANDS + "/imports").then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void moreThanFiveThousandRowsIsRefusedAndNothingIsImported() {
        String csv = IntStream.rangeClosed(0, 5000).mapToObj(i -> "需求" + i)
                .collect(Collectors.joining("\n", "title\n", "\n"));
        upload(csv).post(DEMANDS + "/import").then().statusCode(400)
                .body("errors.field", contains("file"))
                .body("errors[0].message", equalTo("has more than 5000 rows; split it into smaller files"));
        assertEquals(0, DemandApi.with(TestTokens.admin()).queryParam("owner", org.toString()).get(DEMANDS).then()
                .extract().<Integer>path("total"));
    }

    @Test
    void theTemplateOpensCleanlyAndARetriedUploadNamesTheSameJobAndImportsOnce() {
        String template = given().auth().oauth2(owner).get(DEMANDS + "/import/template").then().statusCode(200)
                .header("Content-Disposition", containsString("demands-template.csv"))
                .body(startsWith("\uFEFFtitle,problem_statement,")).extract().asString();
        String key = UUID.randomUUID().toString();
        String job = startImport(upload(template).header("Idempotency-Key", key).queryParam("open", true));
        List<Response> retries = new ArrayList<>();
        retries.add(upload(template).header("Idempotency-Key", key).queryParam("open", true).post(DEMANDS + "/import"));
        String id = finishedImport(owner, job).extract().path("results.items[0].id");
        retries.add(upload(template).header("Idempotency-Key", key).queryParam("open", true).post(DEMANDS + "/import"));
        for (Response retry : retries) {
            assertEquals(202, retry.statusCode());
            assertEquals("true", retry.header("Idempotent-Replayed"));
            assertEquals(job, URI.create(retry.header("Location")).getPath(), "the retry names the same job");
            assertEquals(job, DEMANDS + "/imports/" + retry.jsonPath().getString("id"));
        }
        assertEquals("DONE", retries.get(1).jsonPath().getString("status"), "a retry shows the job as it is now");
        DemandApi.read(owner, id).statusCode(200).body("status", equalTo("OPEN"));
        assertEquals(1, DemandApi.page(owner, org).get("total").asInt(), "imported once");

        upload(template).header("Idempotency-Key", key).post(DEMANDS + "/import").then().statusCode(409)
                .body("idempotencyKey", equalTo(key));
    }

    @Test
    void theRejectedRowsDownloadKeepsTheFilesColumnsAndOnlyTheOwnerAndAdminsReadIt() {
        String csv = "title,budget_max,budget_currency,confidential_details\n好的需求,100000,CNY,导入保密信息丙\n"
                + "坏的需求,100000,RMB,导入保密信息丁\n";
        String job = startImport(upload(csv));
        finishedImport(owner, job).body("imported", equalTo(1)).body("rejected", equalTo(1));
        String rejected = given().auth().oauth2(owner).get(job + "/rejected").then().statusCode(200)
                .contentType(containsString("text/csv")).extract().asString();
        assertTrue(rejected.startsWith("\uFEFFtitle,budget_max,budget_currency,confidential_details,import_errors\n"
                + "坏的需求,100000,RMB,导入保密信息丁,\"budget_currency: must be an ISO 4217 currency code"), rejected);
        assertEquals(2, rejected.split("\n").length, "the header and the one rejected row: " + rejected);
        finishedImport(owner, startImport(upload(rejected.replace("RMB", "USD")))).body("imported", equalTo(1));

        finishedImport(TestTokens.admin(), job);
        for (String other : List.of(DemandApi.Enterprise.register().user(), TestTokens.university(UUID.randomUUID()))) {
            given().auth().oauth2(other).get(job).then().statusCode(404).contentType("application/problem+json");
            given().auth().oauth2(other).get(job + "/rejected").then().statusCode(404);
            given().auth().oauth2(other).get(DEMANDS + "/imports").then().statusCode(200).body("total", equalTo(0));
        }
        given().auth().oauth2(acme.colleague()).get(DEMANDS + "/imports").then().statusCode(200)
                .body("total", equalTo(2)).body("items.status", contains("DONE", "DONE"));
    }
}
