package io.kechuang.testing.security;

import com.fasterxml.jackson.databind.JsonNode;
import io.kechuang.testing.security.ApiOperations.Parameter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Malformed and extreme values for a parameter, and whether its schema accepts each one.
 *
 * <p>Every parameter gets the same fixed list (numeric extremes, malformed UUIDs and dates, a wrong enum value, wrong
 * types, two long strings) plus values drawn from a {@link Random} seeded with the suite's seed and the
 * parameter's operation and name, so a run is repeatable (seed {@code kechuang.security.seed}, default
 * {@link #DEFAULT_SEED}) and a failure names the value that caused it.
 *
 * <p>A value the schema rejects must be answered with a 4xx problem; a value it accepts must not cause a 5xx, and any
 * error must still be a problem. {@code If-Match} is a version: every probe there is a mismatch (4xx). A path
 * parameter also gets an unknown but well-formed UUID, which must be a 404 (or, where the schema's pattern rejects a
 * UUID, a 4xx).
 */
public final class BadValues {

    public static final long DEFAULT_SEED = 26;

    /** How a probe's answer is judged. */
    public enum Expect {
        /** the schema rejects the value: a 4xx problem */
        CLIENT_ERROR,
        /** an unknown record: 404 */
        NOT_FOUND,
        /** the schema accepts the value: anything but a 5xx */
        NO_SERVER_ERROR
    }

    public record Probe(String value, Expect expect) {
        @Override
        public String toString() {
            String shown = value.length() > 40 ? value.substring(0, 40) + "…(" + value.length() + " chars)" : value;
            return "'" + shown + "'";
        }
    }

    private static final Pattern UUID_PATTERN = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final String POOL = "aZ09-_.~!'\"<>{}[]%;:,/\\ $&=+?#中文测试é\u00a0";
    private static final List<String> FIXED = List.of("-1", "0", "2147483648", "-2147483649", "9223372036854775808",
            "1e400", "-1e400", "NaN", "Infinity", "1.5", "0x10", "not-a-uuid", "00000000-0000-0000-0000-00000000000g",
            "{00000000-0000-0000-0000-000000000000}", "NOT_AN_ENUM_VALUE", "true", "[]", "{}", "null", "2026-02-30",
            "2026-13-01T25:61:00Z", "'; DROP TABLE x; --", "%00", "../..");

    /**
     * A query string beyond the platform's URI limit (4,096 characters, {@code kechuang.http.max-uri-length}) but within
     * the HTTP servers' request line limit (64 KiB), where libs/common's {@code RequestLimits} answers: sent once per
     * operation, it must be answered with a 414 problem. (Beyond 64 KiB Vert.x itself answers a bare 414 before any
     * handler runs; that is documented, not probed.)
     */
    public static final String OVER_LONG = "x".repeat(8_000);

    private final long seed;

    public BadValues(long seed) {
        this.seed = seed;
    }

    /** The probes for one parameter of one operation. */
    public List<Probe> probes(String operation, Parameter parameter) {
        Random random = new Random(seed ^ (operation + "|" + parameter.in() + "|" + parameter.name()).hashCode());
        Map<String, Probe> probes = new LinkedHashMap<>();
        List<String> values = new ArrayList<>(FIXED);
        values.add("x".repeat(300));
        values.add("x".repeat(1000)); // long, but within every request line limit (see OVER_LONG for beyond)
        for (int i = 0; i < 3; i++) {
            values.add(randomText(random, 1 + random.nextInt(40)));
        }
        values.add(String.valueOf(random.nextLong()));
        values.add(new BigInteger(96, random).toString());
        values.add(random.nextInt(1000) + "e" + (300 + random.nextInt(700)));
        boolean ifMatch = parameter.in().equals("header") && parameter.name().equalsIgnoreCase("If-Match");
        for (String v : values) {
            if (parameter.in().equals("header") && !v.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
                continue; // HTTP header values are visible ASCII
            }
            if (parameter.in().equals("path") && (v.equals("../..") || v.equals("%00"))) {
                continue; // changes the route itself, not the parameter
            }
            Expect expect = ifMatch || !accepts(parameter.schema(), v) ? Expect.CLIENT_ERROR : Expect.NO_SERVER_ERROR;
            probes.putIfAbsent(v, new Probe(v, expect));
        }
        if (parameter.in().equals("path")) {
            String unknown = new UUID(random.nextLong(), random.nextLong()).toString();
            // An id of another form (a dead letter's <partition>-<offset>) declares it with a pattern: a UUID is malformed there.
            probes.put(unknown, new Probe(unknown, accepts(parameter.schema(), unknown) ? Expect.NOT_FOUND
                    : Expect.CLIENT_ERROR));
        }
        return List.copyOf(probes.values());
    }

    private static String randomText(Random random, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(POOL.charAt(random.nextInt(POOL.length())));
        }
        return sb.toString();
    }

    /** Whether {@code value}, sent as a string in a URL or header, is valid for {@code schema}. */
    static boolean accepts(JsonNode schema, String value) {
        if (schema == null || schema.isMissingNode()) {
            return true;
        }
        if (schema.has("enum")) {
            for (JsonNode e : schema.path("enum")) {
                if (e.asText().equalsIgnoreCase(value)) {
                    return true;
                }
            }
            return false;
        }
        String type = type(schema);
        String format = schema.path("format").asText("");
        switch (type) {
            case "integer" -> {
                BigInteger n;
                try {
                    n = new BigInteger(value);
                } catch (NumberFormatException e) {
                    return false;
                }
                boolean int32 = format.equals("int32");
                BigInteger min = BigInteger.valueOf(int32 ? Integer.MIN_VALUE : Long.MIN_VALUE);
                BigInteger max = BigInteger.valueOf(int32 ? Integer.MAX_VALUE : Long.MAX_VALUE);
                return n.compareTo(min) >= 0 && n.compareTo(max) <= 0 && inRange(schema, new BigDecimal(n));
            }
            case "number" -> {
                double d;
                try {
                    d = Double.parseDouble(value);
                } catch (NumberFormatException e) {
                    return false;
                }
                return Double.isFinite(d) && !value.startsWith("0x") && inRange(schema, new BigDecimal(value));
            }
            case "boolean" -> {
                return value.equals("true") || value.equals("false");
            }
            case "array" -> {
                return accepts(schema.path("items"), value);
            }
            default -> {
                if (schema.has("maxLength") && value.length() > schema.path("maxLength").asInt()) {
                    return false;
                }
                if (schema.has("minLength") && value.length() < schema.path("minLength").asInt()) {
                    return false;
                }
                if (schema.has("pattern") && !Pattern.compile(schema.path("pattern").asText()).matcher(value).find()) {
                    return false;
                }
                try {
                    return switch (format) {
                        case "uuid" -> UUID_PATTERN.matcher(value).matches();
                        case "date" -> LocalDate.parse(value) != null;
                        case "date-time" -> OffsetDateTime.parse(value) != null;
                        default -> true;
                    };
                } catch (DateTimeParseException e) {
                    return false;
                }
            }
        }
    }

    private static String type(JsonNode schema) {
        JsonNode t = schema.path("type");
        if (t.isArray()) {
            for (JsonNode x : t) {
                if (!x.asText().equals("null")) {
                    return x.asText();
                }
            }
        }
        return t.asText("string");
    }

    private static boolean inRange(JsonNode schema, BigDecimal n) {
        if (schema.has("minimum") && n.compareTo(schema.path("minimum").decimalValue()) < 0) {
            return false;
        }
        if (schema.has("maximum") && n.compareTo(schema.path("maximum").decimalValue()) > 0) {
            return false;
        }
        if (schema.path("exclusiveMinimum").isNumber()
                && n.compareTo(schema.path("exclusiveMinimum").decimalValue()) <= 0) {
            return false;
        }
        return !schema.path("exclusiveMaximum").isNumber()
                || n.compareTo(schema.path("exclusiveMaximum").decimalValue()) < 0;
    }
}
