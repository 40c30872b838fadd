package io.kechuang.demand.csv;

import io.kechuang.demand.api.BudgetInput;
import io.kechuang.demand.api.DemandRequest;
import io.kechuang.events.taxonomy.CooperationMode;
import io.kechuang.events.taxonomy.TechnicalField;
import io.kechuang.listing.csv.CsvCells;
import io.kechuang.listing.csv.CsvContact;
import io.kechuang.listing.csv.CsvSchema;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The demand CSV format: one demand per row. Multi-valued cells (indicators, keywords, IPC codes, cooperation
 * modes) are separated by {@code ;}. Every column is named like its request field, so findings need no mapping.
 */
public final class DemandCsv {

    public static final List<String> COLUMNS = List.of("title", "problem_statement", "technical_indicators",
            "confidential_details", "keywords", "technical_field", "ipc_codes", "budget_min", "budget_max",
            "budget_currency", "deadline", "cooperation_modes", "min_trl", "region", "language", "contact_person",
            "contact_phone", "contact_email");

    public static final CsvSchema<DemandRequest> SCHEMA = CsvSchema.of(COLUMNS, List.of("title"), Map.of(),
            DemandCsv::read);

    /** The downloadable template: every column, and an example row that opens cleanly while its deadline is ahead. */
    public static String template(LocalDate exampleDeadline) {
        return SCHEMA.template(exampleRow(exampleDeadline));
    }

    private static String exampleRow(LocalDate deadline) {
        return "动力电池健康状态（SOH）在线估计算法,需在BMS端基于充放电数据在线估计电芯SOH,"
                + "SOH估计误差≤3%;单次估计耗时≤50ms,,电池健康状态;BMS;储能,NEW_ENERGY,G01R31/392,300000,800000,CNY,"
                + deadline + ",JOINT_DEVELOPMENT;TECHNICAL_SERVICE,4,510100,zh,刘工,028-86000000,rd@example.com";
    }

    private DemandCsv() {
    }

    private static DemandRequest read(CsvCells c) {
        BigDecimal min = c.number("budget_min");
        BigDecimal max = c.number("budget_max");
        String currency = c.text("budget_currency");
        return new DemandRequest(c.text("title"), c.text("problem_statement"), c.list("technical_indicators"),
                c.text("confidential_details"), CsvContact.read(c), c.list("keywords"),
                c.enumValue("technical_field", TechnicalField.class), c.list("ipc_codes"),
                min == null && max == null && currency == null ? null : new BudgetInput(min, max, currency),
                c.date("deadline"), c.enumSet("cooperation_modes", CooperationMode.class),
                c.wholeNumber("min_trl", "must be a whole number from 1 to 9"), c.text("region"), c.text("language"));
    }
}
