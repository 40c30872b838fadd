package io.kechuang.achievement.csv;

import io.kechuang.achievement.api.AchievementRequest;
import io.kechuang.achievement.api.AchievementRequest.PatentInput;
import io.kechuang.achievement.api.AchievementRequest.PriceInput;
import io.kechuang.events.achievement.IpType;
import io.kechuang.events.achievement.MaturityStage;
import io.kechuang.events.achievement.PatentLegalStatus;
import io.kechuang.events.taxonomy.CooperationMode;
import io.kechuang.events.taxonomy.TechnicalField;
import io.kechuang.listing.csv.CsvCells;
import io.kechuang.listing.csv.CsvContact;
import io.kechuang.listing.csv.CsvSchema;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The achievement CSV format: one achievement per row, with the columns below. Multi-valued cells are separated
 * by {@code ;}; patents are {@code number:STATUS}.
 */
public final class AchievementCsv {

    public static final List<String> COLUMNS = List.of("title", "summary", "description", "keywords",
            "technical_field", "ipc_codes", "ip_type", "patents", "trl", "stage", "cooperation_modes",
            "price_amount", "price_currency", "price_negotiable", "advantages", "application_scenarios", "region",
            "language", "expires_on", "contact_person", "contact_phone", "contact_email");

    /** The request fields not named like their column. */
    private static final Map<String, String> COLUMN_OF_FIELD = Map.of("askingPrice.amount", "price_amount",
            "askingPrice.currency", "price_currency", "askingPrice", "price_amount");

    public static final CsvSchema<AchievementRequest> SCHEMA = CsvSchema.of(COLUMNS, List.of("title"),
            COLUMN_OF_FIELD, AchievementCsv::read);

    private AchievementCsv() {
    }

    private static AchievementRequest read(CsvCells c) {
        BigDecimal amount = c.number("price_amount");
        String currency = c.text("price_currency");
        return new AchievementRequest(
                c.text("title"), c.text("summary"), c.text("description"), c.list("keywords"),
                c.enumValue("technical_field", TechnicalField.class), c.list("ipc_codes"),
                c.enumValue("ip_type", IpType.class), patents(c),
                c.wholeNumber("trl", "must be a whole number from 1 to 9"),
                c.enumValue("stage", MaturityStage.class), c.enumSet("cooperation_modes", CooperationMode.class),
                amount == null && currency == null ? null : new PriceInput(amount, currency),
                c.bool("price_negotiable"), c.list("advantages"), c.list("application_scenarios"), null,
                CsvContact.read(c),
                c.text("region"), c.text("language"), c.date("expires_on"));
    }

    private static List<PatentInput> patents(CsvCells c) {
        List<String> values = c.list("patents");
        if (values == null) {
            return null;
        }
        List<PatentInput> patents = new ArrayList<>();
        for (String v : values) {
            int colon = v.lastIndexOf(':');
            try {
                if (colon < 0) {
                    throw new IllegalArgumentException(v);
                }
                patents.add(new PatentInput(v.substring(0, colon).strip(),
                        PatentLegalStatus.valueOf(v.substring(colon + 1).strip().toUpperCase(Locale.ROOT))));
            } catch (IllegalArgumentException e) {
                c.reject("patents", "'" + v + "' must be number:STATUS with STATUS "
                        + CsvCells.oneOf(PatentLegalStatus.class).substring("must be ".length()));
            }
        }
        return patents;
    }
}
