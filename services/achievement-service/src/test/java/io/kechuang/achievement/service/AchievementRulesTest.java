package io.kechuang.achievement.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kechuang.achievement.Achievement;
import io.kechuang.common.problem.FieldError;
import io.kechuang.common.problem.Problem;
import io.kechuang.common.problem.ProblemException;
import io.kechuang.events.achievement.AchievementStatus;
import io.kechuang.events.achievement.IpType;
import io.kechuang.events.achievement.MaturityStage;
import io.kechuang.events.taxonomy.CooperationMode;
import io.kechuang.events.taxonomy.TechnicalField;
import io.kechuang.listing.Listing;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The achievement's status machine and readiness, without starting anything. */
class AchievementRulesTest {

    static final LocalDate TODAY = LocalDate.of(2026, 12, 1);

    @Test
    void eachStatusAllowsExactlyItsActions() {
        Map<AchievementStatus, List<String>> expected = Map.of(
                AchievementStatus.DRAFT, List.of("update", "publish", "delete"),
                AchievementStatus.PUBLISHED, List.of("update", "withdraw", "transfer"),
                AchievementStatus.WITHDRAWN, List.of("update", "publish"),
                AchievementStatus.EXPIRED, List.of("update", "publish"),
                AchievementStatus.TRANSFERRED, List.of());
        assertEquals(expected, AchievementService.STATUSES.table());
        assertEquals(AchievementStatus.DRAFT, AchievementService.STATUSES.draft());
        assertEquals(Set.of(AchievementStatus.PUBLISHED), AchievementService.STATUSES.onMarket());
    }

    @Test
    void publishingFromTheMarketIsA409ListingWhatIsAllowed() {
        Problem problem = assertThrows(ProblemException.class,
                () -> AchievementService.STATUSES.require(AchievementStatus.PUBLISHED, "publish")).problem();
        assertEquals(409, problem.getStatus());
        assertEquals("Cannot publish a achievement in state PUBLISHED", problem.getDetail());
        assertEquals(List.of("update", "withdraw", "transfer"), problem.extensions().get("allowedTransitions"));
    }

    @Test
    void publishingPutsItOnTheMarketWithATime() {
        Achievement a = publishable();
        a.statusReason = "withdrawn for revision";
        AchievementService.PUBLISH.alsoChange().accept(a);
        assertEquals(AchievementStatus.PUBLISHED, AchievementService.PUBLISH.target());
        assertEquals(null, a.statusReason);
        assertEquals(true, a.publishedAt != null);
    }

    @Test
    void anEmptyDraftLacksEverythingABuyerMustSee() {
        assertEquals(List.of("askingPrice", "contact", "cooperationModes", "ipType", "keywords", "region", "stage",
                        "summary", "technicalField", "trl"),
                new AchievementService().readiness(new Achievement(), TODAY).stream().map(FieldError::field).sorted()
                        .toList());
    }

    @Test
    void aCompleteAchievementIsReadyUntilItsExpiryDatePasses() {
        AchievementService rules = new AchievementService();
        Achievement a = publishable();
        assertEquals(List.of(), rules.readiness(a, TODAY));
        a.expiresOn = TODAY;
        assertEquals(List.of(), rules.readiness(a, TODAY), "the expiry day itself is still ahead");
        a.expiresOn = TODAY.minusDays(1);
        assertEquals(List.of(new FieldError("expiresOn", "must not be in the past")), rules.readiness(a, TODAY));
    }

    @Test
    void aPriceOrNegotiableWillDo() {
        AchievementService rules = new AchievementService();
        Achievement a = publishable();
        a.priceNegotiable = false;
        assertEquals(List.of(new FieldError("askingPrice", "give an asking price or set priceNegotiable")),
                rules.readiness(a, TODAY));
        a.priceAmount = new BigDecimal("1500000");
        a.priceCurrency = "CNY";
        assertEquals(List.of(), rules.readiness(a, TODAY));
    }

    static Achievement publishable() {
        Achievement a = new Achievement();
        a.title = "一种钙钛矿光伏组件的低温封装方法";
        a.summary = "低温固化阻水胶膜与边缘密封结构";
        a.keywords = List.of("钙钛矿", "封装");
        a.technicalField = TechnicalField.NEW_ENERGY;
        a.ipType = IpType.INVENTION_PATENT;
        a.trl = 6;
        a.stage = MaturityStage.PILOT;
        a.cooperationModes = Set.of(CooperationMode.LICENCE);
        a.priceNegotiable = true;
        a.region = "510100";
        a.contact = new Listing.Contact("李老师", null, "ttc@example.edu.cn");
        return a;
    }
}
