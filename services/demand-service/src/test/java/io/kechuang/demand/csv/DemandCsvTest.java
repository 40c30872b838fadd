package io.kechuang.demand.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.kechuang.demand.api.BudgetInput;
import io.kechuang.demand.api.DemandRequest;
import io.kechuang.listing.csv.CsvRow;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The demand import format's cells, without starting anything. */
class DemandCsvTest {

    @Test
    void theTemplatesExampleRowReadsCleanly() {
        LocalDate deadline = LocalDate.of(2027, 6, 30);
        CsvRow<DemandRequest> row = DemandCsv.SCHEMA.parse(DemandCsv.template(deadline), 10).get(0);
        assertEquals(List.of(), row.errors());
        DemandRequest request = row.request();
        assertEquals(deadline, request.deadline());
        assertEquals(new BudgetInput(new BigDecimal("300000"), new BigDecimal("800000"), "CNY"), request.budget());
        assertEquals(List.of("SOH估计误差≤3%", "单次估计耗时≤50ms"), request.technicalIndicators());
        assertEquals(4, request.minTrl());
        assertEquals("刘工", request.contact().person());
    }

    @Test
    void aBudgetIsReadFromAnyOfItsColumns() {
        assertEquals(new BudgetInput(null, new BigDecimal("150000"), "USD"), DemandCsv.SCHEMA.parse(
                "title,budget_max,budget_currency\nFood safety,150000,USD\n", 10).get(0).request().budget());
        assertNull(DemandCsv.SCHEMA.parse("title\nFood safety\n", 10).get(0).request().budget());
        assertEquals("budget_currency", DemandCsv.SCHEMA.columnOf("budget.currency"));
        assertEquals("min_trl", DemandCsv.SCHEMA.columnOf("minTrl"));
    }
}
