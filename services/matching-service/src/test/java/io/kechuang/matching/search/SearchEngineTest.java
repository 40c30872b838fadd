package io.kechuang.matching.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kechuang.events.achievement.AchievementStatus;
import io.kechuang.events.achievement.IpType;
import io.kechuang.events.achievement.MaturityStage;
import io.kechuang.events.demand.DemandStatus;
import io.kechuang.events.taxonomy.CooperationMode;
import io.kechuang.events.taxonomy.TechnicalField;
import io.kechuang.matching.index.Item;
import io.kechuang.matching.index.MatchIndex;
import io.kechuang.corpus.CslCorpus;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Search on the real index code over the 2,000 CSL papers plus a handful of fixtures with known facets. */
class SearchEngineTest {

    @TempDir
    static Path folder;
    static MatchIndex index;
    static SearchEngine engine;
    static final LocalDate TODAY = LocalDate.now();

    static final Item ROBOT = item(Item.Kind.ACHIEVEMENT, "光伏组件智能清洗机器人", "轨道式无水清洗机器人，清洗后组件发电效率提升8%以上。",
            TechnicalField.NEW_ENERGY, "510104", 7, IpType.INVENTION_PATENT, Set.of(CooperationMode.LICENCE), true, null);
    static final Item SENSOR = item(Item.Kind.ACHIEVEMENT, "柔性压力传感器", "灵敏度提升3倍的柔性电子压力传感器，可用于光伏组件的应力监测。",
            TechnicalField.ELECTRONIC_INFORMATION, "510100", 4, IpType.UTILITY_MODEL, Set.of(CooperationMode.JOINT_DEVELOPMENT), true, null);
    static final Item ANOMALY = Item.achievement(UUID.randomUUID(), UUID.randomUUID(), AchievementStatus.PUBLISHED)
            .title("Anomaly detection for industrial IoT gateways")
            .text("An edge algorithm flags sensor anomalies within 20 ms.")
            .keywords(List.of("anomaly detection", "edge computing")).field(TechnicalField.ELECTRONIC_INFORMATION)
            .ipType(IpType.SOFTWARE_COPYRIGHT).trl(7).stage(MaturityStage.SMALL_BATCH)
            .cooperationModes(Set.of(CooperationMode.LICENCE)).price(null, null, true).region("310000").language("en")
            .updatedAt(OffsetDateTime.now()).build();
    static final Item DEMAND = item(Item.Kind.DEMAND, "光伏电站组件清洗需求", "我们运营多个光伏电站，需要自动化的光伏组件清洗设备。",
            TechnicalField.NEW_ENERGY, "510100", 5, null, Set.of(CooperationMode.LICENCE), true, null);
    static final Item WITHDRAWN = item(Item.Kind.ACHIEVEMENT, "已撤回的光伏清洗成果", "光伏组件清洗", TechnicalField.NEW_ENERGY,
            "510100", 6, IpType.INVENTION_PATENT, Set.of(CooperationMode.LICENCE), false, null);
    static final Item EXPIRED = item(Item.Kind.ACHIEVEMENT, "已过期的光伏清洗成果", "光伏组件清洗", TechnicalField.NEW_ENERGY,
            "510100", 6, IpType.INVENTION_PATENT, Set.of(CooperationMode.LICENCE), true, TODAY.minusDays(1));

    /** Two demands on another subject: one in negotiation (still on the market), one closed. */
    static final Item NEGOTIATING = Item.demand(UUID.randomUUID(), UUID.randomUUID(), DemandStatus.IN_NEGOTIATION)
            .title("风电叶片无人机巡检需求").text("风电场需要无人机自动巡检叶片裂纹。").field(TechnicalField.NEW_ENERGY)
            .region("510100").language("zh").updatedAt(OffsetDateTime.now()).build();
    static final Item CLOSED = Item.demand(UUID.randomUUID(), UUID.randomUUID(), DemandStatus.CLOSED)
            .title("风电叶片巡检需求（已关闭）").text("风电场需要无人机自动巡检叶片裂纹。").field(TechnicalField.NEW_ENERGY)
            .region("510100").language("zh").updatedAt(OffsetDateTime.now()).build();

    static Item item(Item.Kind kind, String title, String text, TechnicalField field, String region, int trl, IpType ip,
            Set<CooperationMode> modes, boolean active, LocalDate expires) {
        Item.Builder<?> item = kind == Item.Kind.ACHIEVEMENT
                ? Item.achievement(UUID.randomUUID(), UUID.randomUUID(),
                        active ? AchievementStatus.PUBLISHED : AchievementStatus.WITHDRAWN)
                        .ipType(ip).trl(trl).price(BigDecimal.TEN, "CNY", false)
                : Item.demand(UUID.randomUUID(), UUID.randomUUID(), active ? DemandStatus.OPEN : DemandStatus.CLOSED)
                        .minTrl(trl);
        return item.title(title).text(text).field(field).cooperationModes(modes).region(region).language("zh")
                .expiresOn(expires).updatedAt(OffsetDateTime.now()).build();
    }

    @BeforeAll
    static void build() throws Exception {
        index = MatchIndex.open(folder.resolve("index"));
        for (CslCorpus.Paper p : CslCorpus.papers()) {
            index.upsert(Item.achievement(UUID.randomUUID(), UUID.randomUUID(), AchievementStatus.PUBLISHED)
                    .title(p.title()).text(p.abstractText()).keywords(p.keywords()).field(TechnicalField.OTHER)
                    .ipType(IpType.OTHER).trl(3).stage(MaturityStage.LAB)
                    .cooperationModes(Set.of(CooperationMode.CONSULTING)).price(null, null, true).region("110000")
                    .language("zh").updatedAt(OffsetDateTime.parse("2020-01-01T00:00:00Z")).build());
        }
        for (Item i : List.of(ROBOT, SENSOR, ANOMALY, DEMAND, WITHDRAWN, EXPIRED, NEGOTIATING, CLOSED)) {
            index.upsert(i);
        }
        index.refresh();
        engine = new SearchEngine(index.searchers(), index.analyzer());
    }

    @AfterAll
    static void close() throws Exception {
        index.close();
    }

    static SearchResult search(String q) {
        return engine.search(request(q, null, null, null, null, null, null), TODAY);
    }

    static SearchRequest request(String q, Item.Kind kind, TechnicalField field, String region, Integer minTrl,
            IpType ip, CooperationMode mode) {
        return new SearchRequest(q, kind, field, region, minTrl, null, ip, mode, SearchRequest.Sort.RELEVANCE, 0, 20);
    }

    @Test
    void realChineseTextFindsTheRightPaperFirst() {
        SearchResult r = search("光伏阵列故障诊断");
        assertEquals("基于BP神经网络的光伏阵列故障诊断研究", r.items().getFirst().title());
        r = search("锂离子电池放电热分析");
        assertEquals("大容量软包装锂离子电池放电过程热分析", r.items().getFirst().title());
    }

    @Test
    void highlightsMarkTheQueryTermsIncludingTermsSmartcnSplits() {
        SearchResult r = search("光伏组件清洗");
        SearchResult.Hit robot = r.items().stream().filter(h -> h.id().equals(ROBOT.id())).findFirst().orElseThrow();
        assertTrue(robot.highlights().stream().anyMatch(f -> f.contains("<em>光伏组件</em>")), robot.highlights().toString());
        assertTrue(robot.highlights().stream().anyMatch(f -> f.contains("<em>清洗</em>")), robot.highlights().toString());
    }

    @Test
    void withdrawnAndExpiredItemsAreNeverFound() {
        List<UUID> ids = search("光伏清洗成果").items().stream().map(SearchResult.Hit::id).toList();
        assertFalse(ids.contains(WITHDRAWN.id()));
        assertFalse(ids.contains(EXPIRED.id()));
    }

    /** Found by the fault harness: the demand service lists a demand in negotiation, so search finds it too. */
    @Test
    void aDemandInNegotiationIsFoundAndAClosedOneIsNot() {
        assertEquals(List.of(NEGOTIATING.id()), ids(request("风电叶片巡检", Item.Kind.DEMAND, null, null, null, null,
                null)));
    }

    @Test
    void eachFilterNarrowsTheHits() {
        assertEquals(List.of(DEMAND.id()), ids(request("光伏", Item.Kind.DEMAND, null, null, null, null, null)));
        assertEquals(List.of(SENSOR.id()), ids(request("光伏组件", null, TechnicalField.ELECTRONIC_INFORMATION, null, null, null, null)));
        assertEquals(List.of(ROBOT.id()), ids(request("光伏组件", null, null, "510104", null, null, null)));
        assertTrue(ids(request("光伏组件", null, null, "510000", null, null, null)).containsAll(List.of(ROBOT.id(), SENSOR.id(), DEMAND.id())),
                "a province code matches its cities and districts");
        assertEquals(List.of(ROBOT.id()), ids(request("光伏组件", Item.Kind.ACHIEVEMENT, null, null, 7, null, null)));
        assertEquals(List.of(SENSOR.id()), ids(request("光伏组件", null, null, null, null, IpType.UTILITY_MODEL, null)));
        assertEquals(List.of(SENSOR.id()), ids(request("光伏组件", null, null, null, null, null, CooperationMode.JOINT_DEVELOPMENT)));
    }

    @Test
    void facetsCountTheHitsAndAFilteredDimensionShowsItsAlternatives() {
        SearchResult all = engine.search(request("光伏组件", null, null, "510000", null, null, null), TODAY);
        assertEquals(Map.of("ACHIEVEMENT", 2L, "DEMAND", 1L), all.facets().get("type"));
        assertEquals(Map.of("NEW_ENERGY", 2L, "ELECTRONIC_INFORMATION", 1L), all.facets().get("field"));
        Map<String, Long> regions = all.facets().get("region");
        assertEquals(2L, regions.get("510100"));
        assertEquals(1L, regions.get("510104"));
        assertTrue(regions.getOrDefault("110000", 0L) > 0, "the region facet ignores the region filter: " + regions);
        assertEquals(Map.of("7", 1L, "4", 1L, "5", 1L), all.facets().get("trl"));

        SearchResult filtered = engine.search(request("光伏组件", null, TechnicalField.NEW_ENERGY, "510000", null, null, null), TODAY);
        assertEquals(2, filtered.total());
        assertEquals(Map.of("NEW_ENERGY", 2L, "ELECTRONIC_INFORMATION", 1L), filtered.facets().get("field"),
                "the field facet ignores the field filter itself");
        assertEquals(Map.of("ACHIEVEMENT", 1L, "DEMAND", 1L), filtered.facets().get("type"), "other facets honour it");
    }

    @Test
    void englishTextIsSearchable() {
        SearchResult r = search("anomalies detected at the edge");
        assertEquals(ANOMALY.id(), r.items().getFirst().id());
    }

    @Test
    void hostileQueryStringsAreJustText() {
        for (String q : List.of("光伏 AND (title:*) OR \"", "*:*", "\\", "title:[* TO *]", "???", "))))", "+-&&||!(){}[]^\"~*?:\\/")) {
            SearchResult r = search(q);
            assertTrue(r.total() >= 0, q);
        }
        assertEquals(0, search("*:*").total(), "no wildcard expansion: *:* analyses to nothing and matches nothing");
        assertTrue(search("光伏 AND (title:*)").items().stream().anyMatch(h -> h.title().contains("光伏")));
    }

    @Test
    void emptyTextListsEverythingNewestFirstWithoutScores() {
        SearchResult r = engine.search(request("", Item.Kind.ACHIEVEMENT, TechnicalField.NEW_ENERGY, null, null, null, null), TODAY);
        assertEquals(List.of(ROBOT.id()), r.items().stream().map(SearchResult.Hit::id).toList());
        assertNull(r.items().getFirst().score());
        SearchResult everything = engine.search(new SearchRequest(null, null, null, null, null, null, null, null,
                SearchRequest.Sort.RECENT, 0, 5), TODAY);
        assertEquals(2000 + 5, everything.total(), "all active, unexpired items (the demand in negotiation too)");
        assertEquals(5, everything.items().size());
    }

    @Test
    void pagingWalksThroughTheHitsWithoutOverlap() {
        SearchRequest first = new SearchRequest("光伏", null, null, null, null, null, null, null, SearchRequest.Sort.RELEVANCE, 0, 3);
        SearchRequest second = new SearchRequest("光伏", null, null, null, null, null, null, null, SearchRequest.Sort.RELEVANCE, 1, 3);
        List<UUID> a = engine.search(first, TODAY).items().stream().map(SearchResult.Hit::id).toList();
        List<UUID> b = engine.search(second, TODAY).items().stream().map(SearchResult.Hit::id).toList();
        assertEquals(3, a.size());
        assertEquals(3, b.size());
        assertTrue(a.stream().noneMatch(b::contains));
    }

    private static List<UUID> ids(SearchRequest r) {
        return engine.search(r, TODAY).items().stream().map(SearchResult.Hit::id).toList();
    }
}
