package io.kechuang.demand;

import static io.kechuang.demand.DemandApi.DEMANDS;
import static io.kechuang.demand.DemandApi.demand;
import static io.kechuang.demand.DemandApi.with;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.kechuang.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DemandValidationTest {

    private final String owner = TestTokens.enterprise(UUID.randomUUID());

    @Test
    void everyBrokenFieldRuleIsListedInOneProblem() {
        Map<String, Object> body = DemandApi.openable("长".repeat(201));
        body.put("problemStatement", "述".repeat(4001));
        List<String> indicators = new ArrayList<>(Collections.nCopies(20, "误差≤3%"));
        indicators.add(0, "标".repeat(301));
        body.put("technicalIndicators", indicators);
        body.put("confidentialDetails", "密".repeat(10001));
        List<String> keywords = new ArrayList<>(Collections.nCopies(20, "电池"));
        keywords.add(0, "词".repeat(41));
        body.put("keywords", keywords);
        body.put("ipcCodes", List.of("battery"));
        body.put("budget", Map.of("min", -1, "max", 5, "currency", "RMB"));
        body.put("minTrl", 0);
        body.put("region", "Chengdu");
        body.put("language", "fr");
        body.put("contact", Map.of("person", " ", "phone", "call me", "email", "not-an-email"));

        with(owner).body(body).post(DEMANDS).then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://kechuang.io/problems/validation"))
                .body("instance", equalTo(DEMANDS))
                .body("errors.field", containsInAnyOrder("title", "problemStatement", "technicalIndicators",
                        "technicalIndicators[0]", "confidentialDetails", "keywords", "keywords[0]", "ipcCodes[0]",
                        "budget.min", "budget.currency", "minTrl", "region", "language", "contact.person",
                        "contact.phone", "contact.email"))
                .body("errors.find { it.field == 'budget.currency' }.message", containsString("ISO 4217"))
                .body("errors.find { it.field == 'budget.min' }.message", equalTo("must not be negative"))
                .body("errors.find { it.field == 'region' }.message", containsString("GB/T 2260"))
                .body(not(containsString("Exception")));
    }

    @Test
    void aBodyWithTrailingGarbageIsRejectedAndCreatesNothing() {
        UUID org = UUID.randomUUID();
        String mine = TestTokens.enterprise(org);
        for (String body : List.of("{\"title\":\"x\"} garbage", "{\"title\":\"x\"} {\"title\":\"y\"}",
                "{\"title\":\"x\"}]", "{\"title\":\"x\"} 1")) {
            with(mine).body(body).post(DEMANDS).then().statusCode(400).contentType("application/problem+json")
                    .body(not(containsString("Exception")));
        }
        with(mine).queryParam("owner", org.toString()).get(DEMANDS).then().statusCode(200)
                .body("total", equalTo(0));
        // The same body without the garbage is fine.
        with(mine).body("{\"title\":\"x\"}").post(DEMANDS).then().statusCode(201);
    }

    @Test
    void numericExtremesOnTheListAreProblemsNamingTheParameter() {
        for (Object page : List.of(Integer.MAX_VALUE, "99999999999", -1, Integer.MIN_VALUE, "x")) {
            with(owner).queryParam("page", page).queryParam("size", 1).get(DEMANDS).then().statusCode(400)
                    .contentType("application/problem+json").body("errors.field", hasItem("page"));
        }
        for (Object size : List.of(Integer.MAX_VALUE, "99999999999", -1, 0)) {
            with(owner).queryParam("size", size).get(DEMANDS).then().statusCode(400)
                    .contentType("application/problem+json").body("errors.field", hasItem("size"));
        }
        with(owner).queryParam("page", 1000).queryParam("size", 100).get(DEMANDS).then().statusCode(200)
                .body("items.size()", equalTo(0));
    }

    @Test
    void theLongestAllowedValuesAreAccepted() {
        Map<String, Object> body = DemandApi.openable("长".repeat(200));
        body.put("problemStatement", "述".repeat(4000));
        body.put("technicalIndicators", distinct("标", 300, 20));
        body.put("confidentialDetails", "密".repeat(10000));
        body.put("keywords", distinct("词", 40, 20));
        body.put("minTrl", 9);
        with(owner).body(body).post(DEMANDS).then().statusCode(201);
        body.put("minTrl", 1);
        with(owner).body(body).post(DEMANDS).then().statusCode(201);
        body.put("minTrl", 10);
        with(owner).body(body).post(DEMANDS).then().statusCode(400).body("errors.field", contains("minTrl"));
    }

    @Test
    void aBudgetMinimumAboveTheMaximumIsReportedOnTheMaximum() {
        Map<String, Object> body = DemandApi.openable("预算区间颠倒");
        body.put("budget", Map.of("min", 900000, "max", 300000, "currency", "CNY"));
        with(owner).body(body).post(DEMANDS).then().statusCode(400)
                .body("errors.field", contains("budget.max"))
                .body("errors[0].message", equalTo("must not be less than the minimum"));

        body.put("budget", Map.of("currency", "CNY"));
        with(owner).body(body).post(DEMANDS).then().statusCode(400)
                .body("errors.field", contains("budget"))
                .body("errors[0].message", equalTo("give a minimum, a maximum or both"));

        body.put("budget", Map.of("min", 500000, "max", 500000, "currency", "EUR"));
        with(owner).body(body).post(DEMANDS).then().statusCode(201).body("budget.currency", equalTo("EUR"));
        body.put("budget", Map.of("max", 150000, "currency", "USD"));
        with(owner).body(body).post(DEMANDS).then().statusCode(201).body("budget.min", equalTo(null));
    }

    @Test
    void openingAnIncompleteDraftListsEveryMissingField() {
        String id = DemandApi.draft(owner, Map.of("title", "只有标题的需求"));
        with(owner).post(demand(id) + "/open").then().statusCode(400)
                .body("errors.field", containsInAnyOrder("problemStatement", "keywords", "technicalField", "deadline",
                        "region", "contact", "cooperationModes"))
                .body("errors.find { it.field == 'deadline' }.message", equalTo("is required to open"));
        DemandApi.read(owner, id).statusCode(200).body("status", equalTo("DRAFT")).body("version", equalTo(0));
    }

    @Test
    void openingNeedsADeadlineAfterToday() {
        for (String deadline : new String[] {DemandApi.today().toString(), DemandApi.today().minusDays(1).toString(),
                "2020-01-01"}) {
            Map<String, Object> body = DemandApi.openable("截止日期 " + deadline);
            body.put("deadline", deadline);
            String id = DemandApi.draft(owner, body);
            with(owner).post(demand(id) + "/open").then().statusCode(400)
                    .body("errors.field", contains("deadline"))
                    .body("errors[0].message", equalTo("must be in the future to open"));
        }
        Map<String, Object> tomorrow = DemandApi.openable("明天截止");
        tomorrow.put("deadline", DemandApi.today().plusDays(1).toString());
        DemandApi.opened(owner, tomorrow);
    }

    @Test
    void openingNeedsACurrencyForABudgetAndAContactThatCanBeReached() {
        Map<String, Object> body = DemandApi.openable("预算缺币种、联系人无电话邮箱");
        body.put("budget", Map.of("max", 500000));
        body.put("contact", Map.of("person", "刘工"));
        String id = DemandApi.draft(owner, body);
        with(owner).post(demand(id) + "/open").then().statusCode(400)
                .body("errors.field", containsInAnyOrder("budget.currency", "contact"))
                .body("errors.find { it.field == 'contact' }.message", equalTo("needs a phone or an email"));
    }

    @Test
    void anOpenDemandMustStayCompleteWhenEdited() {
        String id = DemandApi.opened(owner, DemandApi.openable("编辑后不完整"));
        Map<String, Object> edited = DemandApi.openable("编辑后不完整");
        edited.remove("keywords");
        edited.put("deadline", DemandApi.today().toString());
        try (DemandEvents events = DemandEvents.watch()) {
            with(owner).header("If-Match", "\"1\"").body(edited).put(demand(id)).then().statusCode(400)
                    .body("errors.field", containsInAnyOrder("keywords", "deadline"));
            events.assertNoneAbout(id, "kechuang.demand.updated", Duration.ofSeconds(1));
        }
        DemandApi.read(owner, id).statusCode(200).body("version", equalTo(1)).body("keywords.size()", equalTo(3));
    }

    @Test
    void closingNeedsAKnownReasonAndACommentForOther() {
        String id = DemandApi.opened(owner, DemandApi.openable("关闭原因校验"));
        with(owner).body(Map.of()).post(demand(id) + "/close").then().statusCode(400)
                .body("errors.field", contains("reason"));
        with(owner).body(Map.of("reason", "BORED")).post(demand(id) + "/close").then().statusCode(400)
                .body("errors[0].field", equalTo("reason"))
                .body("errors[0].message", containsString("SOLVED_ELSEWHERE"));
        with(owner).body(Map.of("reason", "OTHER", "comment", "  ")).post(demand(id) + "/close").then().statusCode(400)
                .body("errors.field", contains("comment"));
        with(owner).body(Map.of("reason", "OTHER", "comment", "意".repeat(501))).post(demand(id) + "/close").then()
                .statusCode(400).body("errors.field", contains("comment"));
        with(owner).post(demand(id) + "/close").then().statusCode(400);
        DemandApi.read(owner, id).statusCode(200).body("status", equalTo("OPEN"));
        with(owner).body(Map.of("reason", "OTHER", "comment", "公司战略调整")).post(demand(id) + "/close").then()
                .statusCode(200).body("closeReason", equalTo("OTHER"));
    }

    @Test
    void unreadableBodiesNameTheField() {
        Map<String, String> fieldOfBadValue = Map.of(
                "{\"title\":\"x\",\"technicalField\":\"TIME_TRAVEL\"}", "technicalField",
                "{\"title\":\"x\",\"deadline\":\"30/06/2027\"}", "deadline",
                "{\"title\":\"x\",\"minTrl\":\"four\"}", "minTrl",
                "{\"title\":\"x\",\"budget\":{\"max\":\"lots\"}}", "budget.max",
                "{\"title\":\"x\",\"cooperationModes\":[\"BARTER\"]}", "cooperationModes[0]");
        fieldOfBadValue.forEach((json, field) -> with(owner).body(json).post(DEMANDS).then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", contains(field)));
        with(owner).body("{\"title\": ").post(DEMANDS).then().statusCode(400)
                .body("title", equalTo("Malformed request body"));
        with(owner).post(DEMANDS).then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void listFiltersThatCannotBeReadAreNamed() {
        Map<String, String> bad = new HashMap<>();
        bad.put("size", "1000");
        bad.put("page", "-1");
        bad.put("status", "PENDING");
        bad.put("owner", "acme");
        bad.put("field", "ALCHEMY");
        bad.put("region", "5101");
        bad.put("deadlineFrom", "next-month");
        bad.put("deadlineTo", "2027-13-01");
        bad.put("updatedSince", "yesterday");
        bad.forEach((param, value) -> with(owner).queryParam(param, value).get(DEMANDS).then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem(param)));
        with(owner).queryParam("deadlineFrom", "2027-06-30").queryParam("deadlineTo", "2027-01-01").get(DEMANDS).then()
                .statusCode(400).body("errors.field", contains("deadlineTo"));
    }

    @Test
    void unknownIdsAre404() {
        DemandApi.read(owner, UUID.randomUUID().toString()).statusCode(404)
                .contentType("application/problem+json").body("title", equalTo("Demand not found"));
        DemandApi.read(owner, "not-a-uuid").statusCode(404);
        with(owner).post(demand(UUID.randomUUID().toString()) + "/open").then().statusCode(404);
    }

    private static List<String> distinct(String character, int length, int count) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            values.add(String.format("%02d", i) + character.repeat(length - 2));
        }
        return values;
    }
}
