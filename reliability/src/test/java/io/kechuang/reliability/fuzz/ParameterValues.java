package io.kechuang.reliability.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import io.kechuang.testing.security.ApiOperations.Parameter;
import io.kechuang.testing.security.BadValues;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

/**
 * Values of path, query and header parameters. Valid and boundary values come from the parameter's schema (enum,
 * format, minimum and maximum, maxLength) and, for the plain strings whose meaning the schema does not carry (an
 * {@code owner} filter, a {@code region} code, a {@code sort} key), from its name and description; hostile values are
 * libs/testing's {@link BadValues}, the security suite's malformed and extreme values.
 */
final class ParameterValues {

    private static final List<String> QUERIES = List.of("电池", "锂离子电池 健康状态", "钙钛矿 光伏", "SOH估计", "battery",
            "石墨烯", "5G 通信", "a", "测试 test 混合");

    private final Schemas schemas;
    private final FuzzWorld world;
    private final BadValues bad;

    ParameterValues(Schemas schemas, FuzzWorld world, BadValues bad) {
        this.schemas = schemas;
        this.world = world;
        this.bad = bad;
    }

    /** A value the operation accepts. Path parameters come from the fixture ({@code vars}). */
    String valid(String operation, Parameter p, Map<String, String> vars, Random r) {
        if (p.in().equals("path")) {
            return Optional.ofNullable(vars.get(p.name())).orElse(UUID.randomUUID().toString());
        }
        Optional<String> named = byName(operation, p.name(), vars, r, false);
        if (named.isPresent()) {
            return named.get();
        }
        JsonNode s = schemas.resolve(p.schema());
        List<String> enums = Schemas.enumValues(s);
        if (!enums.isEmpty()) {
            return enums.get(r.nextInt(enums.size()));
        }
        return switch (Schemas.type(s)) {
            case "integer" -> {
                long min = s.has("minimum") ? s.path("minimum").asLong() : 0;
                long max = s.has("maximum") ? Math.min(s.path("maximum").asLong(), min + 10) : min + 10;
                yield String.valueOf(min + r.nextInt((int) (max - min + 1)));
            }
            case "number" -> {
                double min = s.path("minimum").asDouble(0);
                double max = s.has("maximum") ? s.path("maximum").asDouble() : min + 10;
                yield String.valueOf(Math.round((min + r.nextDouble() * (max - min)) * 100) / 100.0);
            }
            case "boolean" -> String.valueOf(r.nextBoolean());
            default -> switch (s.path("format").asText("")) {
                case "uuid" -> UUID.randomUUID().toString();
                case "date" -> vars.get("today");
                case "date-time" -> OffsetDateTime.now(ZoneOffset.UTC).minusDays(r.nextInt(30)).withNano(0).toString();
                default -> "测试";
            };
        };
    }

    /** A value at the edge of what the schema accepts; empty when the parameter has no edge worth probing. */
    Optional<String> boundary(String operation, Parameter p, Map<String, String> vars, Random r) {
        if (p.in().equals("path") || p.name().equalsIgnoreCase("If-Match")) {
            return Optional.empty();
        }
        Optional<String> named = byName(operation, p.name(), vars, r, true);
        if (named.isPresent()) {
            return named;
        }
        JsonNode s = schemas.resolve(p.schema());
        List<String> enums = Schemas.enumValues(s);
        if (!enums.isEmpty()) {
            return Optional.of(enums.get(r.nextBoolean() ? 0 : enums.size() - 1));
        }
        return switch (Schemas.type(s)) {
            case "integer", "number" -> {
                if (s.has("minimum") && (r.nextBoolean() || !s.has("maximum"))) {
                    yield Optional.of(s.path("minimum").asText());
                }
                yield s.has("maximum") ? Optional.of(s.path("maximum").asText()) : Optional.of("0");
            }
            case "boolean" -> Optional.of(r.nextBoolean() ? "true" : "false");
            default -> s.has("maxLength") ? Optional.of("测".repeat(s.path("maxLength").asInt())) : Optional.empty();
        };
    }

    /** A malformed or extreme value, with what the schema says about it. */
    BadValues.Probe hostile(String operation, Parameter p, Random r) {
        List<BadValues.Probe> probes = bad.probes(operation, p);
        return probes.get(r.nextInt(probes.size()));
    }

    /** Parameters whose valid values the schema does not tell (plain strings with a meaning). */
    private Optional<String> byName(String operation, String name, Map<String, String> vars, Random r,
            boolean edge) {
        String value = switch (name) {
            case "page" -> edge ? (operation.contains("/search") ? "0" : "1000") : String.valueOf(r.nextInt(3));
            case "size" -> edge ? (r.nextBoolean() ? "1" : "100") : String.valueOf(1 + r.nextInt(50));
            case "owner", "organisationId" -> pick(world.organisations(), r);
            case "updatedSince" -> edge ? (r.nextBoolean() ? "1970-01-01T00:00:00Z" : "2999-12-31T23:59:59+08:00")
                    : OffsetDateTime.now(ZoneOffset.UTC).minusDays(r.nextInt(30)).withNano(0).toString();
            case "deadlineFrom", "from" -> edge ? "1900-01-01" : vars.get("today");
            case "deadlineTo", "to" -> edge ? "2999-12-31" : vars.get("nextYear");
            case "region" -> edge ? pick(List.of("110000", "650000", "810000"), r) : pick(List.of("510100", "510000"), r);
            case "type" -> operation.contains("/admin/organisations")
                    ? pick(List.of("UNIVERSITY", "ENTERPRISE", "BROKERAGE", "PARTNER"), r)
                    : pick(List.of("ACHIEVEMENT", "DEMAND"), r);
            case "assigned" -> pick(List.of("me", "unassigned", "any"), r);
            case "sort" -> operation.contains("/search") ? pick(List.of("relevance", "recent"), r)
                    : pick(List.of("score", "age", "deadline"), r);
            case "q" -> edge ? (r.nextBoolean() ? "电".repeat(200) : "🔋 电池 ∑ é ß 🧪") : pick(QUERIES, r);
            case "minTrl" -> edge ? "1" : String.valueOf(1 + r.nextInt(4));
            case "maxTrl" -> edge ? "9" : String.valueOf(5 + r.nextInt(5));
            case "Idempotency-Key" -> edge ? "k".repeat(1 + r.nextInt(128)) : "fuzz-" + Long.toHexString(r.nextLong());
            default -> null;
        };
        return Optional.ofNullable(value);
    }

    private static String pick(List<String> values, Random r) {
        return values.get(r.nextInt(values.size()));
    }
}
