package io.kechuang.achievement.csv;

import io.kechuang.achievement.rest.AchievementRequest;
import io.kechuang.achievement.rest.AchievementRequest.ContactInput;
import io.kechuang.achievement.rest.AchievementRequest.PatentInput;
import io.kechuang.achievement.rest.AchievementRequest.PriceInput;
import io.kechuang.common.problem.FieldError;
import io.kechuang.common.problem.ProblemException;
import io.kechuang.events.achievement.IpType;
import io.kechuang.events.achievement.MaturityStage;
import io.kechuang.events.achievement.PatentLegalStatus;
import io.kechuang.events.taxonomy.CooperationMode;
import io.kechuang.events.taxonomy.TechnicalField;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads the achievement CSV format: UTF-8 (a BOM from Excel is accepted), a header row, one achievement per row.
 * Multi-valued cells are separated by {@code ;} or the full-width {@code ；}. Patents are {@code number:STATUS}.
 * Parsing only converts cells; the same Bean Validation as the REST API then judges each row.
 */
public final class AchievementCsv {

    public static final List<String> COLUMNS = List.of("title", "summary", "description", "keywords",
            "technical_field", "ipc_codes", "ip_type", "patents", "trl", "stage", "cooperation_modes",
            "price_amount", "price_currency", "price_negotiable", "advantages", "application_scenarios", "region",
            "language", "expires_on", "contact_person", "contact_phone", "contact_email");

    /** Request field path prefix → CSV column, to report validation errors by the column the user edits. */
    private static final Map<String, String> COLUMN_OF_FIELD = Map.ofEntries(
            Map.entry("technicalField", "technical_field"), Map.entry("ipcCodes", "ipc_codes"),
            Map.entry("ipType", "ip_type"), Map.entry("cooperationModes", "cooperation_modes"),
            Map.entry("askingPrice.amount", "price_amount"), Map.entry("askingPrice.currency", "price_currency"),
            Map.entry("askingPrice", "price_amount"), Map.entry("priceNegotiable", "price_negotiable"),
            Map.entry("applicationScenarios", "application_scenarios"), Map.entry("expiresOn", "expires_on"),
            Map.entry("contact.person", "contact_person"), Map.entry("contact.phone", "contact_phone"),
            Map.entry("contact.email", "contact_email"), Map.entry("contact", "contact_person"));

    private AchievementCsv() {
    }

    /** One parsed row: the request if every cell could be read, and the cells that could not. */
    public record Row(int number, AchievementRequest request, List<FieldError> errors) {
    }

    public static List<Row> parse(String text, int maxRows) {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreEmptyLines(true).setIgnoreHeaderCase(true).get();
        try (CSVParser parser = CSVParser.parse(new StringReader(body), format)) {
            checkHeader(parser.getHeaderNames());
            List<Row> rows = new ArrayList<>();
            for (CSVRecord record : parser) {
                if (rows.size() == maxRows) {
                    throw ProblemException.validation("file", "has more than " + maxRows + " rows; split it into smaller files");
                }
                rows.add(read(rows.size() + 1, record));
            }
            if (rows.isEmpty()) {
                throw ProblemException.validation("file", "has a header but no data rows");
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw ProblemException.validation("file", "is not valid CSV: " + e.getMessage());
        }
    }

    /** The column a request field path belongs to, e.g. {@code askingPrice.currency} → {@code price_currency}. */
    public static String columnOf(String fieldPath) {
        String path = fieldPath.replaceAll("\\[\\d+]", "");
        for (String candidate = path; !candidate.isEmpty();
                candidate = candidate.contains(".") ? candidate.substring(0, candidate.lastIndexOf('.')) : "") {
            if (COLUMN_OF_FIELD.containsKey(candidate)) {
                return COLUMN_OF_FIELD.get(candidate);
            }
            if (COLUMNS.contains(candidate)) {
                return candidate;
            }
        }
        return path.startsWith("patents") ? "patents" : path;
    }

    private static void checkHeader(List<String> header) {
        List<FieldError> errors = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String name : header) {
            String column = name.toLowerCase(Locale.ROOT);
            if (!COLUMNS.contains(column)) {
                errors.add(new FieldError("header", "unknown column '" + name + "'; known columns: " + COLUMNS));
            } else if (!seen.add(column)) {
                errors.add(new FieldError("header", "column '" + name + "' appears twice"));
            }
        }
        if (!seen.contains("title")) {
            errors.add(new FieldError("header", "the title column is required"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
    }

    private static Row read(int number, CSVRecord r) {
        Cells c = new Cells(r);
        BigDecimal amount = c.get("price_amount", BigDecimal::new, "must be a number");
        String currency = c.text("price_currency");
        String person = c.text("contact_person");
        String phone = c.text("contact_phone");
        String email = c.text("contact_email");
        AchievementRequest request = new AchievementRequest(
                c.text("title"), c.text("summary"), c.text("description"), c.list("keywords"),
                c.get("technical_field", v -> TechnicalField.valueOf(v.toUpperCase(Locale.ROOT)), oneOf(TechnicalField.values())),
                c.list("ipc_codes"),
                c.get("ip_type", v -> IpType.valueOf(v.toUpperCase(Locale.ROOT)), oneOf(IpType.values())),
                c.patents(),
                c.get("trl", Integer::valueOf, "must be a whole number from 1 to 9"),
                c.get("stage", v -> MaturityStage.valueOf(v.toUpperCase(Locale.ROOT)), oneOf(MaturityStage.values())),
                c.modes(),
                amount == null && currency == null ? null : new PriceInput(amount, currency),
                c.get("price_negotiable", AchievementCsv::bool, "must be true or false"),
                c.list("advantages"), c.list("application_scenarios"), null,
                person == null && phone == null && email == null ? null : new ContactInput(person, phone, email),
                c.text("region"), c.text("language"),
                c.get("expires_on", LocalDate::parse, "must be a date such as 2027-12-31"));
        return new Row(number, request, c.errors);
    }

    private static Boolean bool(String v) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "是" -> true;
            case "false", "no", "0", "否" -> false;
            default -> throw new IllegalArgumentException(v);
        };
    }

    private static String oneOf(Enum<?>[] values) {
        return "must be one of " + Arrays.toString(values);
    }

    /** Cell access that collects conversion errors instead of stopping at the first. */
    private static final class Cells {
        private final CSVRecord record;
        private final List<FieldError> errors = new ArrayList<>();

        Cells(CSVRecord record) {
            this.record = record;
        }

        String text(String column) {
            if (!record.isMapped(column) || !record.isSet(column)) {
                return null;
            }
            String value = record.get(column);
            return value == null || value.isBlank() ? null : value;
        }

        <T> T get(String column, Function<String, T> convert, String message) {
            String value = text(column);
            if (value == null) {
                return null;
            }
            try {
                return convert.apply(value);
            } catch (IllegalArgumentException | DateTimeParseException e) {
                errors.add(new FieldError(column, message));
                return null;
            }
        }

        List<String> list(String column) {
            String value = text(column);
            if (value == null) {
                return null;
            }
            return Arrays.stream(value.split("[;；]")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        }

        Set<CooperationMode> modes() {
            List<String> values = list("cooperation_modes");
            if (values == null) {
                return null;
            }
            Set<CooperationMode> modes = new LinkedHashSet<>();
            for (String v : values) {
                try {
                    modes.add(CooperationMode.valueOf(v.toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    errors.add(new FieldError("cooperation_modes", "'" + v + "' " + oneOf(CooperationMode.values())));
                }
            }
            return modes;
        }

        List<PatentInput> patents() {
            List<String> values = list("patents");
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
                    errors.add(new FieldError("patents", "'" + v + "' must be number:STATUS with STATUS "
                            + oneOf(PatentLegalStatus.values()).substring("must be ".length())));
                }
            }
            return patents;
        }
    }
}
