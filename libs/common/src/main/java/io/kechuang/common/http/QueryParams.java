package io.kechuang.common.http;

import io.kechuang.common.problem.ProblemException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Converts optional query parameters with a 400 that names the parameter. (JAX-RS answers 404 when it cannot
 * convert a query parameter itself, which would tell a client its URL is wrong rather than its filter.)
 */
public final class QueryParams {

    private QueryParams() {
    }

    public static <E extends Enum<E>> E enumOf(String name, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.validation(name, "must be one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    /**
     * {@code true} or {@code false} (any case); absent or blank is {@code defaultValue}. Anything else is a 400 naming
     * the parameter: JAX-RS would read every other word as false, so {@code ?publish=yes} would silently not publish.
     */
    public static boolean bool(String name, String value, boolean defaultValue) {
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        String v = value.trim();
        if (v.equalsIgnoreCase("true")) {
            return true;
        }
        if (v.equalsIgnoreCase("false")) {
            return false;
        }
        throw ProblemException.validation(name, "must be true or false");
    }

    public static UUID uuid(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            throw ProblemException.validation(name, "must be a UUID");
        }
    }

    public static OffsetDateTime timestamp(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.validation(name, "must be an ISO 8601 timestamp with offset, e.g. 2026-11-01T00:00:00Z");
        }
    }

    public static LocalDate date(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.validation(name, "must be a date such as 2027-06-30");
        }
    }

    /** The trimmed value if it matches {@code regex} in full; otherwise a 400 with {@code message}. */
    public static String matching(String name, String value, String regex, String message) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String trimmed = value.trim();
        if (!Pattern.matches(regex, trimmed)) {
            throw ProblemException.validation(name, message);
        }
        return trimmed;
    }
}
