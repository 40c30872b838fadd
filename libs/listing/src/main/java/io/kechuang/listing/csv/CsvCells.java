package io.kechuang.listing.csv;

import io.kechuang.common.problem.FieldError;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVRecord;

/**
 * The cells of one CSV row, read by column name. Blank cells read as null. A cell that cannot be converted is
 * recorded as an error of its column and reads as null, so one pass names every bad cell of a row. Multi-valued
 * cells separate their values with {@code ;} or the full-width {@code ；} that Chinese keyboards type.
 */
public final class CsvCells {

    private static final Pattern LIST_SEPARATOR = Pattern.compile("[;；]");

    private final CSVRecord record;
    private final List<FieldError> errors = new ArrayList<>();

    CsvCells(CSVRecord record) {
        this.record = record;
    }

    public String text(String column) {
        if (!record.isMapped(column) || !record.isSet(column)) {
            return null;
        }
        String value = record.get(column);
        return value == null || value.isBlank() ? null : value;
    }

    /** The cell converted by {@code convert}; an {@link IllegalArgumentException} from it records {@code message}. */
    public <T> T get(String column, Function<String, T> convert, String message) {
        String value = text(column);
        if (value == null) {
            return null;
        }
        try {
            return convert.apply(value);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            reject(column, message);
            return null;
        }
    }

    /** A constant of {@code type}, case-insensitive. */
    public <E extends Enum<E>> E enumValue(String column, Class<E> type) {
        return get(column, v -> Enum.valueOf(type, v.toUpperCase(Locale.ROOT)), oneOf(type));
    }

    public Integer wholeNumber(String column, String message) {
        return get(column, Integer::valueOf, message);
    }

    public BigDecimal number(String column) {
        return get(column, BigDecimal::new, "must be a number");
    }

    public LocalDate date(String column) {
        return get(column, LocalDate::parse, "must be a date such as 2027-12-31");
    }

    /** {@code true/false}, {@code yes/no}, {@code 1/0} or {@code 是/否}. */
    public Boolean bool(String column) {
        return get(column, CsvCells::parseBool, "must be true or false");
    }

    /** The values of a multi-valued cell, stripped, blanks dropped. */
    public List<String> list(String column) {
        String value = text(column);
        if (value == null) {
            return null;
        }
        return LIST_SEPARATOR.splitAsStream(value).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** A multi-valued cell of enum constants; each unknown value is reported by name. */
    public <E extends Enum<E>> Set<E> enumSet(String column, Class<E> type) {
        List<String> values = list(column);
        if (values == null) {
            return null;
        }
        Set<E> constants = new LinkedHashSet<>();
        for (String v : values) {
            try {
                constants.add(Enum.valueOf(type, v.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                reject(column, "'" + v + "' " + oneOf(type));
            }
        }
        return constants;
    }

    /** Records a problem with a cell that a caller-specific conversion found. */
    public void reject(String column, String message) {
        errors.add(new FieldError(column, message));
    }

    List<FieldError> errors() {
        return List.copyOf(errors);
    }

    public static String oneOf(Class<? extends Enum<?>> type) {
        return "must be one of " + Arrays.toString(type.getEnumConstants());
    }

    private static Boolean parseBool(String v) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "是" -> true;
            case "false", "no", "0", "否" -> false;
            default -> throw new IllegalArgumentException(v);
        };
    }
}
