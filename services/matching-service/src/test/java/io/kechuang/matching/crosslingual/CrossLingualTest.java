package io.kechuang.matching.crosslingual;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kechuang.events.achievement.AchievementStatus;
import io.kechuang.events.demand.DemandStatus;
import io.kechuang.events.taxonomy.CooperationMode;
import io.kechuang.events.taxonomy.TechnicalField;
import io.kechuang.matching.index.Item;
import io.kechuang.matching.index.MatchIndex;
import io.kechuang.matching.scoring.MatchFinder;
import io.kechuang.matching.scoring.ScoringConfig;
import io.kechuang.matching.scoring.Suggestion;
import io.kechuang.matching.search.SearchEngine;
import io.kechuang.matching.search.SearchRequest;
import io.kechuang.matching.search.SearchResult;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * English and Chinese listings find each other through the glossary and CC-CEDICT: each item's terms in the other
 * language are indexed with it, matching and search query them, and explanations show the pairs that linked the texts.
 */
class CrossLingualTest {

    @TempDir
    Path folder;

    @Test
    void termsAreTranslatedBothWaysGlossaryFirst() {
        Translator translator = Translator.get();
        Translator.Translation zh = translator.toChinese("Thermal management of lithium-ion batteries for electric buses");
        assertTrue(zh.text().contains("热管理"), zh.text());
        assertTrue(zh.text().contains("锂离子电池"), "a plural finds the glossary's singular: " + zh.text());
        assertTrue(zh.pairs().stream().anyMatch(e -> e.glossary() && e.chinese().equals("热管理")));

        Translator.Translation en = translator.toEnglish("锂离子电池热管理与故障诊断");
        assertTrue(en.text().contains("thermal management"), en.text());
        assertTrue(en.text().contains("fault diagnosis"), en.text());
        assertTrue(en.text().contains("lithium-ion battery"), en.text());
        assertEquals("", translator.toChinese("the of and").text(), "nothing but stop words: nothing to translate");
    }

    @Test
    void anEnglishDemandFindsAChineseAchievementAndTheOtherWayRound() throws Exception {
        Item chineseBattery = item(Item.Kind.ACHIEVEMENT, "zh", "大容量锂离子电池模组热管理技术",
                "针对电动客车锂离子电池包的热管理，采用液冷板与相变材料复合散热，电池温差控制在3℃以内。", List.of("热管理", "锂离子电池"));
        Item chineseIrrigation = item(Item.Kind.ACHIEVEMENT, "zh", "丘陵果园水肥一体化滴灌系统",
                "滴灌与施肥结合，节水40%，适用于柑橘园。", List.of("滴灌", "水肥一体化"));
        Item englishDemand = item(Item.Kind.DEMAND, "en", "Battery pack thermal management for electric buses",
                "Our electric buses overheat in summer: the lithium-ion battery packs need better thermal management "
                        + "and cooling.", List.of("thermal management"));
        Item englishAchievement = item(Item.Kind.ACHIEVEMENT, "en", "Low-cost drip irrigation for smallholder orchards",
                "A gravity-fed drip irrigation kit with fertigation that saves 35% of water on durian and citrus farms.",
                List.of("drip irrigation", "fertigation"));
        Item chineseDemand = item(Item.Kind.DEMAND, "zh", "果园滴灌节水改造", "山地果园需要滴灌系统，降低用水量和人工成本。",
                List.of("滴灌"));
        try (MatchIndex index = MatchIndex.open(folder.resolve("index"))) {
            for (Item i : List.of(chineseBattery, chineseIrrigation, englishDemand, englishAchievement, chineseDemand)) {
                index.upsert(i);
            }
            index.refresh();
            MatchFinder finder = new MatchFinder(index.searchers(), index.analyzer(), ScoringConfig.defaults());

            List<Suggestion> forEnglish = finder.findFor(englishDemand, LocalDate.now());
            assertEquals(chineseBattery.id(), forEnglish.getFirst().achievement().id(),
                    "the English demand's best answer is the Chinese battery achievement");
            assertTrue(forEnglish.getFirst().explanation().termPairs().contains("thermal management ↔ 热管理"),
                    forEnglish.getFirst().explanation().termPairs().toString());

            List<Suggestion> forChinese = finder.findFor(chineseDemand, LocalDate.now());
            assertTrue(forChinese.stream().anyMatch(s -> s.achievement().id().equals(englishAchievement.id())),
                    "the Chinese demand finds the English irrigation achievement");
            Suggestion english = forChinese.stream().filter(s -> s.achievement().id().equals(englishAchievement.id()))
                    .findFirst().orElseThrow();
            assertTrue(english.explanation().termPairs().contains("drip irrigation ↔ 滴灌"),
                    english.explanation().termPairs().toString());
            Suggestion sameLanguage = forChinese.stream().filter(s -> s.achievement().id().equals(chineseIrrigation.id()))
                    .findFirst().orElseThrow();
            assertEquals(List.of(), sameLanguage.explanation().termPairs(), "pairs only between languages");

            SearchEngine search = new SearchEngine(index.searchers(), index.analyzer());
            SearchResult found = search.search(new SearchRequest("thermal management", Item.Kind.ACHIEVEMENT, null, null,
                    null, null, null, null, SearchRequest.Sort.RELEVANCE, 0, 10), LocalDate.now());
            assertEquals(List.of(chineseBattery.id()), found.items().stream().map(SearchResult.Hit::id).toList(),
                    "an English query finds the Chinese listing");
            SearchResult foundZh = search.search(new SearchRequest("滴灌", Item.Kind.ACHIEVEMENT, null, null, null, null,
                    null, null, SearchRequest.Sort.RELEVANCE, 0, 10), LocalDate.now());
            assertTrue(foundZh.items().stream().anyMatch(h -> h.id().equals(englishAchievement.id())),
                    "a Chinese query finds the English listing");
        }
    }

    private static Item item(Item.Kind kind, String language, String title, String text, List<String> keywords) {
        Item.Builder<?> item = kind == Item.Kind.ACHIEVEMENT
                ? Item.achievement(UUID.randomUUID(), UUID.randomUUID(), AchievementStatus.PUBLISHED).trl(6)
                : Item.demand(UUID.randomUUID(), UUID.randomUUID(), DemandStatus.OPEN).minTrl(4);
        return item.title(title).text(text).keywords(keywords).field(TechnicalField.NEW_ENERGY)
                .cooperationModes(Set.of(CooperationMode.LICENCE)).region("510100").language(language)
                .expiresOn(LocalDate.now().plusYears(1)).updatedAt(OffsetDateTime.now()).build();
    }
}
