package io.kechuang.achievement.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.kechuang.achievement.api.AchievementRequest;
import io.kechuang.common.problem.FieldError;
import io.kechuang.events.achievement.PatentLegalStatus;
import io.kechuang.listing.csv.CsvRow;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The achievement import format's cells, without starting anything. */
class AchievementCsvTest {

    @Test
    void patentsAreNumberColonStatus() {
        CsvRow<AchievementRequest> row = AchievementCsv.SCHEMA.parse(
                "title,patents\n光伏封装,CN202310123456.7:granted；CN2024:PENDING\n", 10).get(0);
        assertEquals(List.of(new AchievementRequest.PatentInput("CN202310123456.7", PatentLegalStatus.GRANTED),
                new AchievementRequest.PatentInput("CN2024", PatentLegalStatus.PENDING)), row.request().patents());
        assertEquals(List.of(), row.errors());
    }

    @Test
    void aBadPatentIsReportedOnItsColumn() {
        CsvRow<AchievementRequest> row = AchievementCsv.SCHEMA.parse(
                "title,patents\n光伏封装,CN1;CN2:LAPSED_FOREVER\n", 10).get(0);
        assertEquals(List.of("patents", "patents"), row.errors().stream().map(FieldError::field).toList());
        assertEquals(true, row.errors().get(0).message().startsWith("'CN1' must be number:STATUS with STATUS one of "));
    }

    @Test
    void thePriceComesFromTwoColumnsAndItsFindingsGoBackToThem() {
        AchievementRequest request = AchievementCsv.SCHEMA.parse(
                "title,price_amount,price_currency,price_negotiable\n光伏封装,1500000,CNY,是\n", 10).get(0).request();
        assertEquals(new AchievementRequest.PriceInput(new BigDecimal("1500000"), "CNY"), request.askingPrice());
        assertEquals(true, request.priceNegotiable());
        assertNull(AchievementCsv.SCHEMA.parse("title\n光伏封装\n", 10).get(0).request().askingPrice());
        assertEquals("price_amount", AchievementCsv.SCHEMA.columnOf("askingPrice"));
        assertEquals("price_currency", AchievementCsv.SCHEMA.columnOf("askingPrice.currency"));
        assertEquals("expires_on", AchievementCsv.SCHEMA.columnOf("expiresOn"));
    }
}
