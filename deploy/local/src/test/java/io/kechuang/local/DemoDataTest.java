package io.kechuang.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.kechuang.local.DemoData.Demand;
import io.kechuang.local.DemoData.Organisation;
import io.kechuang.local.DemoData.Paper;
import io.kechuang.corpus.CslCorpus;

/** The bundled demo data, without a platform: what --demo would send, checked against the services' rules. */
class DemoDataTest {

    private static final DemoData DATA = DemoData.load(DemoData.Size.FULL);
    /** 统一社会信用代码, as the gateway validates it (OrganisationRequest.CREDIT_CODE). */
    private static final Pattern CREDIT_CODE = Pattern.compile("[0-9A-HJ-NPQRTUWXY]{2}\\d{6}[0-9A-HJ-NPQRTUWXY]{10}");
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._@-]{2,63}");
    private static final Set<String> FIELDS = Set.of("ELECTRONIC_INFORMATION", "BIOMEDICINE", "NEW_MATERIALS",
            "NEW_ENERGY", "ADVANCED_MANUFACTURING", "MODERN_AGRICULTURE", "INFORMATION_SECURITY", "AUTOMOTIVE",
            "RESOURCES_ENVIRONMENT", "AEROSPACE", "OTHER");

    @Test
    void theOrganisationsAreUniversitiesEnterprisesAndBrokeragesWithValidCreditCodesAndFixedIds() {
        Map<String, Long> byType = DATA.organisations().stream()
                .collect(Collectors.groupingBy(Organisation::type, Collectors.counting()));
        assertTrue(byType.getOrDefault("UNIVERSITY", 0L) + byType.getOrDefault("RESEARCH_INSTITUTE", 0L) >= 5, byType::toString);
        assertEquals(10L, byType.get("ENTERPRISE"));
        assertEquals(2L, byType.get("BROKERAGE"));
        assertUnique(DATA.organisations(), Organisation::id);
        assertUnique(DATA.organisations(), Organisation::creditCode);
        assertUnique(DATA.organisations().stream().flatMap(o -> o.users().stream()).toList(), DemoData.User::username);
        for (Organisation o : DATA.organisations()) {
            assertTrue(CREDIT_CODE.matcher(o.creditCode()).matches(), o.creditCode());
            assertEquals(checkCharacter(o.creditCode().substring(0, 17)), o.creditCode().charAt(17), o.name());
            assertTrue(o.regionCode().startsWith("51"), o.name() + " is in Sichuan");
            assertFalse(o.users().isEmpty(), o.name());
            o.users().forEach(u -> assertTrue(USERNAME.matcher(u.username()).matches(), u.username()));
            for (DemoUser demo : DemoUser.values()) {
                assertFalse(o.id().equals(demo.orgId()), "the launcher's own demo organisations keep their ids");
            }
        }
    }

    @Test
    void everyBrokerageHasOneLeadAndOnlyBrokeragesHaveLeads() {
        for (Organisation o : DATA.organisations()) {
            long leads = o.users().stream().filter(DemoData.User::lead).count();
            assertEquals(o.type().equals("BROKERAGE") ? 1 : 0, leads, o.name());
        }
        assertTrue(DemoUser.BROKER_LEAD.lead() && DemoUser.BROKER_LEAD.orgId().equals(DemoUser.BROKER.orgId()),
                "the demo brokerage has a lead among the demo accounts");
        assertEquals(1, java.util.Arrays.stream(DemoUser.values()).filter(DemoUser::lead).count());
    }

    @Test
    void everyPaperBecomesACompletePublishableAchievement() {
        assertEquals(240, DATA.papers().size());
        assertUnique(DATA.papers(), Paper::csl);
        Set<String> titles = new HashSet<>();
        for (Paper paper : DATA.papers()) {
            Organisation owner = DATA.organisation(paper.owner());
            assertTrue(Set.of("UNIVERSITY", "RESEARCH_INSTITUTE").contains(owner.type()), paper.owner());
            ObjectNode a = DemoData.achievementRequest(paper, owner);
            assertTrue(titles.add(a.path("title").asText()), "titles are unique per owner and overall: " + paper.title());
            for (String required : List.of("title", "summary", "keywords", "technicalField", "ipType", "trl", "stage",
                    "cooperationModes", "contact", "region", "expiresOn")) {
                assertFalse(a.path(required).isMissingNode() || a.path(required).isNull(), required + " of " + paper.csl());
            }
            assertTrue(a.path("priceNegotiable").asBoolean() || a.path("askingPrice").has("amount"), "a price or 面议");
            assertTrue(a.path("summary").asText().length() <= 2000);
            assertTrue(a.path("keywords").size() >= 1 && a.path("keywords").size() <= 20);
            a.path("keywords").forEach(k -> assertTrue(k.asText().length() <= 40, k.asText()));
            int trl = a.path("trl").asInt();
            assertTrue(trl >= 3 && trl <= 7, "TRL " + trl);
            assertTrue(a.path("region").asText().matches("\\d{6}"));
            assertTrue(FIELDS.contains(a.path("technicalField").asText()));
            assertFalse(a.path("technicalField").asText().equals("OTHER"), "technical papers only: " + paper.title());
            for (JsonNode patent : a.path("patents")) {
                assertTrue(patent.path("number").asText().matches("CN20\\d{2}[12]\\d{7}\\.[0-9X]"), patent.toString());
            }
        }
        long sichuan = DATA.papers().stream()
                .filter(p -> DemoData.achievementRequest(p, DATA.organisation(p.owner())).path("region").asText().startsWith("51"))
                .count();
        assertTrue(sichuan > DATA.papers().size() * 3 / 4, "mostly Sichuan: " + sichuan);
    }

    @Test
    void theFieldMappingIsCslCorpusesPlusSecurity() {
        Set<String> disciplines = CslCorpus.papers().stream().map(CslCorpus.Paper::discipline).collect(Collectors.toSet());
        for (String discipline : disciplines) {
            assertEquals(CslCorpus.technicalFieldOf(discipline), DemoData.technicalFieldOf(discipline, "", List.of()), discipline);
        }
        assertEquals("INFORMATION_SECURITY",
                DemoData.technicalFieldOf("计算机科学与技术", "防止缓冲区溢出漏洞的入侵检测系统", List.of("入侵检测系统")));
        assertEquals("ELECTRONIC_INFORMATION", DemoData.technicalFieldOf("计算机科学与技术", "图像检索", List.of("图像检索")));
        assertEquals("NEW_ENERGY", DemoData.technicalFieldOf("电气工程", "密码", List.of()), "only electronic information");
    }

    @Test
    void theDemandsAreCompleteSpreadOverTheFieldsAndOwnedByTheEnterprises() {
        assertTrue(DATA.demands().size() >= 40);
        assertUnique(DATA.demands(), Demand::key);
        assertUnique(DATA.demands(), Demand::title);
        Map<String, Long> byField = DATA.demands().stream()
                .collect(Collectors.groupingBy(d -> d.request().path("technicalField").asText(), Collectors.counting()));
        assertTrue(byField.size() >= 9, byField::toString);
        Set<String> owners = new HashSet<>();
        for (Demand d : DATA.demands()) {
            JsonNode r = d.request();
            assertEquals("ENTERPRISE", DATA.organisation(d.owner()).type(), d.key());
            owners.add(d.owner());
            assertTrue(FIELDS.contains(r.path("technicalField").asText()), d.key());
            assertTrue(r.path("problemStatement").asText().length() >= 60, d.key());
            assertTrue(r.path("technicalIndicators").size() >= 3, d.key());
            assertTrue(r.path("technicalIndicators").toString().matches(".*\\d.*"), "indicators with numbers: " + d.key());
            assertFalse(r.path("confidentialDetails").asText().isBlank(), d.key());
            assertTrue(r.path("keywords").size() >= 3, d.key());
            assertTrue(r.path("contact").has("phone") && r.path("contact").has("email"), d.key());
            LocalDate deadline = LocalDate.parse(r.path("deadline").asText());
            assertEquals(2027, deadline.getYear(), d.key());
            assertTrue(r.path("budget").path("min").asLong() <= r.path("budget").path("max").asLong(), d.key());
            assertEquals("CNY", r.path("budget").path("currency").asText());
            assertTrue(r.path("cooperationModes").size() >= 1, d.key());
            int minTrl = r.path("minTrl").asInt();
            assertTrue(minTrl >= 1 && minTrl <= 9, d.key());
            assertTrue(r.path("region").asText().matches("51\\d{4}"), d.key());
            assertTrue(r.path("title").asText().matches(".*\\p{IsHan}.*"), "in Chinese: " + d.key());
        }
        assertEquals(10, owners.size(), "every enterprise posts demands");
    }

    @Test
    void aPrefixKeepsTheDemandsTogetherWithThePapersTheyAreAbout() {
        DemoData small = DemoData.load(new DemoData.Size(12, 4));
        assertEquals(12, small.papers().size());
        assertEquals(4, small.demands().size());
        assertEquals(DATA.papers().subList(0, 12), small.papers());
        assertEquals(DATA.organisations(), small.organisations(), "every organisation and person, always");
    }

    @Test
    void patentNumbersCarryTheCnipaCheckDigit() {
        // CN 2023 1 0123456 → weights 2..9,2..5 → the CNIPA check digit
        String number = DemoData.patentNumber(4, 1);
        String digits = number.substring(2, 14);
        int[] weights = {2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5};
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += (digits.charAt(i) - '0') * weights[i];
        }
        String check = sum % 11 == 10 ? "X" : String.valueOf(sum % 11);
        assertEquals(check, number.substring(15));
        assertEquals('1', number.charAt(6), "kind 1: an invention");
    }

    /** GB 32100-2015: the 18th character of a unified social credit code. */
    private static char checkCharacter(String first17) {
        String alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        int[] weights = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += alphabet.indexOf(first17.charAt(i)) * weights[i];
        }
        int c = 31 - sum % 31;
        return alphabet.charAt(c == 31 ? 0 : c);
    }

    private static <T> void assertUnique(List<T> items, Function<T, Object> key) {
        Set<Object> seen = new HashSet<>();
        for (T item : items) {
            assertTrue(seen.add(key.apply(item)), "duplicate " + key.apply(item));
        }
    }
}
