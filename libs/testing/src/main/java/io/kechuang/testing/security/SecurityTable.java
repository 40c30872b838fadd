package io.kechuang.testing.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One service's table: {@code security/<service>.csv} and its body templates {@code security/<service>.bodies.json}.
 *
 * <p>CSV, one line per operation and role, {@code #} starts a comment line:
 * <pre>
 * operation,role,expect,fixture,body,params,pending,comment
 * GET /api/demands/{id},foreign-enterprise,404,draft,,,,another enterprise's draft is hidden
 * POST /api/matches/{id}/notes,foreign-broker,403,assigned,note,,authority,not their match
 * </pre>
 * <ul>
 *   <li>{@code operation}: {@code METHOD /path/template} exactly as in the service's OpenAPI document;</li>
 *   <li>{@code role}: one of {@link SecurityWorld#ROLES};</li>
 *   <li>{@code expect}: the HTTP status;</li>
 *   <li>{@code fixture}: the record the row runs against (its variables fill path parameters, {@code If-Match} and
 *       placeholders); empty for operations on no record;</li>
 *   <li>{@code body}: the name of a body template in the bodies file; empty for none;</li>
 *   <li>{@code params}: {@code name=value&name=value} for query and header parameters ({@code ${var}} placeholders
 *       allowed);</li>
 *   <li>{@code pending}: a tag (e.g. {@code authority}) for rows that state a rule the code does not implement yet;
 *       the runner skips rows whose tag is in {@code kechuang.security.skip-pending};</li>
 *   <li>{@code comment}: the rest of the line, free text.</li>
 * </ul>
 * Several rows may share an operation and role (for instance a draft and a published record).
 */
public final class SecurityTable {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final String HEADER = "operation,role,expect,fixture,body,params,pending,comment";

    /** One expectation. {@code line} is the line number in the file, for messages. */
    public record Row(String operation, String role, int expect, String fixture, String body, String params,
            String pending, String comment, int line) {

        public String method() {
            return operation.substring(0, operation.indexOf(' '));
        }

        public String path() {
            return operation.substring(operation.indexOf(' ') + 1);
        }

        public boolean mutating() {
            return !method().equals("GET") && !method().equals("HEAD");
        }

        public boolean allowed() {
            return expect >= 200 && expect < 300;
        }

        @Override
        public String toString() {
            return operation + " as " + role + " → " + expect + (fixture.isEmpty() ? "" : " on " + fixture)
                    + (body.isEmpty() ? "" : " with " + body) + (pending.isEmpty() ? "" : " [needs " + pending + "]")
                    + " (line " + line + ")";
        }
    }

    private final String service;
    private final Path file;
    private final List<Row> rows;
    private final Map<String, JsonNode> bodies;

    private SecurityTable(String service, Path file, List<Row> rows, Map<String, JsonNode> bodies) {
        this.service = service;
        this.file = file;
        this.rows = rows;
        this.bodies = bodies;
    }

    /** Reads {@code security/<service>.csv} (and the bodies file, when there is one) from the repository root. */
    public static SecurityTable load(String service) {
        Path dir = folder();
        return read(service, dir.resolve(service + ".csv"), dir.resolve(service + ".bodies.json"));
    }

    static SecurityTable read(String service, Path csv, Path bodiesFile) {
        try {
            List<Row> rows = parse(Files.readAllLines(csv, StandardCharsets.UTF_8), csv);
            Map<String, JsonNode> bodies = new LinkedHashMap<>();
            if (Files.exists(bodiesFile)) {
                JSON.readTree(bodiesFile.toFile()).fields().forEachRemaining(e -> bodies.put(e.getKey(), e.getValue()));
            }
            return new SecurityTable(service, csv, List.copyOf(rows), bodies);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the security table of " + service + " at " + csv, e);
        }
    }

    static List<Row> parse(List<String> lines, Path file) {
        List<Row> rows = new ArrayList<>();
        boolean header = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (!header) {
                if (!line.equals(HEADER)) {
                    throw new IllegalArgumentException(file + ": the first line must be '" + HEADER + "'");
                }
                header = true;
                continue;
            }
            String[] cells = line.split(",", 8);
            if (cells.length < 3) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": expected operation,role,expect,...");
            }
            String[] c = Arrays.copyOf(cells, 8);
            for (int k = 0; k < c.length; k++) {
                c[k] = c[k] == null ? "" : c[k].strip();
            }
            if (!c[0].matches("(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) /\\S*")) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": bad operation '" + c[0] + "'");
            }
            if (!SecurityWorld.ROLES.contains(c[1])) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": unknown role '" + c[1] + "', roles are "
                        + SecurityWorld.ROLES);
            }
            int expect;
            try {
                expect = Integer.parseInt(c[2]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": expect must be a status code: " + c[2]);
            }
            rows.add(new Row(c[0], c[1], expect, c[3], c[4], c[5], c[6], c[7], i + 1));
        }
        return rows;
    }

    /** The committed {@code security/} folder at the repository root (found upwards from the working directory). */
    public static Path folder() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("security");
            if (Files.isDirectory(candidate) && Files.exists(dir.resolve("pom.xml"))) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("no security/ folder above " + Path.of("").toAbsolutePath());
    }

    /** Every table in the folder, by service name. */
    public static Map<String, SecurityTable> all() {
        Path dir = folder();
        Map<String, SecurityTable> tables = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(f -> f.getFileName().toString().endsWith(".csv")).sorted().forEach(f -> {
                String name = f.getFileName().toString().replaceFirst("\\.csv$", "");
                tables.put(name, read(name, f, dir.resolve(name + ".bodies.json")));
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tables;
    }

    public String service() {
        return service;
    }

    public Path file() {
        return file;
    }

    public List<Row> rows() {
        return rows;
    }

    /** The body template named {@code name}: JSON with {@code ${var}} placeholders in strings. */
    public JsonNode body(String name) {
        JsonNode body = bodies.get(name);
        if (body == null) {
            throw new IllegalArgumentException(file + ": no body named '" + name + "' in " + service + ".bodies.json");
        }
        return body;
    }
}
