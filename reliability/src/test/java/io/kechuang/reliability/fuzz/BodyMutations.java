package io.kechuang.reliability.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Boundary and hostile versions of a valid body. A JSON body is changed in one place (a field the schema describes:
 * its path, its schema and whether it is required) or as a whole; a text body (CSV import, the token form) in its
 * cells and values. Raw JSON that Jackson would not write (numbers beyond any double, a lone surrogate, nesting deeper
 * than its writer allows) is spliced into the written text.
 */
final class BodyMutations {

    /** A body as sent: bytes, content type, and what was done to it. */
    record Body(byte[] bytes, String contentType, String mutation) {
        static Body text(String text, String contentType, String mutation) {
            return new Body(text.getBytes(StandardCharsets.UTF_8), contentType, mutation);
        }
    }

    /** A place in a JSON body: the container holding it, its key (or index), its schema, and whether it is required. */
    private record Field(ContainerNode<?> parent, String name, int index, String pointer, JsonNode schema,
            boolean required) {
        JsonNode value() {
            return parent instanceof ObjectNode o ? o.get(name) : ((ArrayNode) parent).get(index);
        }

        void set(JsonNode v) {
            if (parent instanceof ObjectNode o) {
                o.set(name, v);
            } else {
                ((ArrayNode) parent).set(index, v);
            }
        }

        void remove() {
            if (parent instanceof ObjectNode o) {
                o.remove(name);
            } else {
                ((ArrayNode) parent).remove(index);
            }
        }
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String RAW = "\u2063fuzz-raw\u2063";
    private static final List<String> HOSTILE_TEXT = List.of("\u0000", "a\u0000b", "\u202eevil\u202c", "\ufeff", "\u200b",
            "\uffff", "e\u0301\u0301\u0301\u0301", "🧪🔋", "<script>alert(1)</script>", "'; DROP TABLE demand; --",
            "${jndi:ldap://x}", "%00%ff", "\r\n\r\nX-Injected: 1", "\\u0000", "null", "../../etc/passwd");
    private static final List<String> VALID_UNICODE = List.of("混合文本 é ß Ω 🧪", "עברית العربية 中文", "Ünïcödé ✓",
            "日本語のテキスト");

    private final Schemas schemas;

    BodyMutations(Schemas schemas) {
        this.schemas = schemas;
    }

    // ------------------------------------------------------------------------------------------------------ JSON

    Body valid(JsonNode body) {
        return Body.text(body.toString(), "application/json", "valid");
    }

    /** One field set to the edge of its schema (still valid), or an optional field left out; empty if none fits. */
    Optional<Body> boundary(JsonNode body, JsonNode schema, Random r) {
        JsonNode copy = body.deepCopy();
        List<Field> fields = fields(copy, schema);
        for (int attempt = 0; attempt < 8 && !fields.isEmpty(); attempt++) {
            Field f = fields.get(r.nextInt(fields.size()));
            JsonNode s = f.schema();
            List<String> enums = Schemas.enumValues(s);
            String type = Schemas.type(s);
            String label;
            if (!f.required() && r.nextInt(4) == 0 && f.parent() instanceof ObjectNode) {
                f.remove();
                label = "omitted";
            } else if (!enums.isEmpty()) {
                String v = enums.get(r.nextInt(enums.size()));
                f.set(TextNode.valueOf(v));
                label = "enum " + v;
            } else if (type.equals("string") && s.has("maxLength") && !s.has("format") && !s.has("pattern")) {
                int n = s.path("maxLength").asInt();
                f.set(TextNode.valueOf("测".repeat(n)));
                label = "maxLength " + n;
            } else if (type.equals("string") && !s.has("format") && !s.has("pattern") && f.value() != null
                    && f.value().isTextual() && f.value().asText().length() > 4) {
                String v = VALID_UNICODE.get(r.nextInt(VALID_UNICODE.size()));
                f.set(TextNode.valueOf(v));
                label = "unicode";
            } else if ((type.equals("integer") || type.equals("number"))
                    && (s.has("minimum") || s.has("maximum"))) {
                boolean min = s.has("minimum") && (r.nextBoolean() || !s.has("maximum"));
                f.set(min ? s.path("minimum").deepCopy() : s.path("maximum").deepCopy());
                label = (min ? "minimum " : "maximum ") + (min ? s.path("minimum") : s.path("maximum"));
            } else if (type.equals("array") && !f.required() && s.path("minItems").asInt(0) == 0) {
                f.set(NODES.arrayNode());
                label = "empty array";
            } else {
                continue;
            }
            return Optional.of(Body.text(copy.toString(), "application/json", "boundary " + f.pointer() + " " + label));
        }
        return Optional.empty();
    }

    /** A body the schema (or JSON itself) rejects, or that stresses the parser, the validator or the database. */
    Body hostile(JsonNode body, JsonNode schema, Random r) {
        JsonNode copy = body.deepCopy();
        List<Field> fields = fields(copy, schema);
        int kind = r.nextInt(fields.isEmpty() ? 4 : 14);
        switch (kind) {
            case 0 -> {
                List<String> whole = List.of("", "null", "[]", "\"text\"", "42", "{", "{\"a\":", "{}}", "{} trailing",
                        "{\"x\":1,\"x\":2}", "\ufeff{}", "{'single': 'quotes'}", "{\"a\":01}", "{\"a\":NaN}");
                String text = whole.get(r.nextInt(whole.size()));
                return Body.text(text, "application/json", "whole body " + shown(text));
            }
            case 1 -> {
                byte[] bad = {'{', '"', 't', 'i', 't', 'l', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, (byte) 0xFF,
                        '"', '}'};
                return new Body(bad, "application/json", "invalid UTF-8");
            }
            case 2 -> {
                String type = List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                        "multipart/form-data; boundary=x", "application/json; charset=latin1", "")
                        .get(r.nextInt(6));
                return Body.text(copy.toString(), type, "content type '" + type + "'");
            }
            case 3 -> {
                if (copy instanceof ObjectNode o) {
                    int n = r.nextBoolean() ? 1 : 10_000;
                    for (int i = 0; i < n; i++) {
                        o.put("fuzzExtra" + i, i % 2 == 0 ? "多余" : "x");
                    }
                    return Body.text(copy.toString(), "application/json", "extra fields ×" + n);
                }
                return Body.text(copy.toString(), "application/json", "unchanged");
            }
            default -> {
                return field(copy, fields.get(r.nextInt(fields.size())), r);
            }
        }
    }

    private Body field(JsonNode copy, Field f, Random r) {
        String type = Schemas.type(f.schema());
        List<String> raw = new ArrayList<>();
        String label;
        switch (r.nextInt(8)) {
            case 0 -> {
                f.set(NODES.nullNode());
                label = "null";
            }
            case 1 -> {
                JsonNode wrong = switch (type) {
                    case "string" -> r.nextBoolean() ? NODES.numberNode(12345) : NODES.objectNode().put("a", 1);
                    case "integer", "number" -> r.nextBoolean() ? TextNode.valueOf("twelve") : NODES.booleanNode(true);
                    case "array" -> r.nextBoolean() ? TextNode.valueOf("not-a-list") : NODES.objectNode();
                    case "object" -> r.nextBoolean() ? TextNode.valueOf("not-an-object") : NODES.arrayNode().add(1);
                    default -> NODES.arrayNode().add("x");
                };
                f.set(wrong);
                label = "wrong type " + wrong.getNodeType();
            }
            case 2 -> {
                String n = List.of("1e400", "-1e400", "123456789012345678901234567890", "-9223372036854775809",
                        "2147483648", "1e-400", "-0", "0.0000000000000000000001", "1.7976931348623157e309")
                        .get(r.nextInt(9));
                raw.add(n);
                f.set(TextNode.valueOf(RAW + 0));
                label = "number " + n;
            }
            case 3 -> {
                int max = f.schema().path("maxLength").asInt(0);
                int n = switch (r.nextInt(3)) {
                    case 0 -> max > 0 ? max + 1 : 10_001;
                    case 1 -> 100_000;
                    default -> 1_000_000;
                };
                f.set(TextNode.valueOf((r.nextBoolean() ? "长" : "x").repeat(n)));
                label = "string of " + n;
            }
            case 4 -> {
                String t = HOSTILE_TEXT.get(r.nextInt(HOSTILE_TEXT.size()));
                f.set(TextNode.valueOf(t));
                label = "text " + shown(t);
            }
            case 5 -> {
                raw.add("\"\\ud800 lone surrogate\"");
                f.set(TextNode.valueOf(RAW + 0));
                label = "lone surrogate";
            }
            case 6 -> {
                int depth = List.of(64, 1_000, 5_000, 100_000).get(r.nextInt(4));
                raw.add("[".repeat(depth) + "]".repeat(depth));
                f.set(TextNode.valueOf(RAW + 0));
                label = "nested " + depth + " deep";
            }
            default -> {
                if (f.required() && f.parent() instanceof ObjectNode) {
                    f.remove();
                    label = "required field missing";
                } else if (type.equals("array")) {
                    ArrayNode many = NODES.arrayNode();
                    JsonNode item = f.value() != null && f.value().size() > 0 ? f.value().get(0) : TextNode.valueOf("x");
                    for (int i = 0; i < 10_000; i++) {
                        many.add(item);
                    }
                    f.set(many);
                    label = "10000 items";
                } else {
                    f.set(NODES.objectNode().set("nested", NODES.objectNode().put("fuzz", true)));
                    label = "object instead";
                }
            }
        }
        String text = copy.toString();
        for (int i = 0; i < raw.size(); i++) {
            text = text.replace("\"" + RAW + i + "\"", raw.get(i));
        }
        return Body.text(text, "application/json", f.pointer() + " " + label);
    }

    /** Every field of {@code body} that {@code schema} describes, nested objects and the first array item included. */
    private List<Field> fields(JsonNode body, JsonNode schema) {
        List<Field> out = new ArrayList<>();
        walk(body, schemas.resolve(schema), "", out, 0);
        return out;
    }

    private void walk(JsonNode node, JsonNode schema, String pointer, List<Field> out, int depth) {
        if (depth > 4) {
            return;
        }
        if (node instanceof ObjectNode o) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode s = schemas.property(schema, name);
                out.add(new Field(o, name, -1, pointer + "/" + name, s, schemas.required(schema, name)));
                walk(o.get(name), s, pointer + "/" + name, out, depth + 1);
            }
        } else if (node instanceof ArrayNode a && !a.isEmpty()) {
            JsonNode s = schemas.items(schema);
            out.add(new Field(a, null, 0, pointer + "/0", s, false));
            walk(a.get(0), s, pointer + "/0", out, depth + 1);
        }
    }

    // ------------------------------------------------------------------------------------------------------ text

    /** A CSV import or the token form, changed in one of its cells or values. */
    Body textHostile(String valid, String contentType, Random r) {
        boolean form = contentType.contains("form");
        String text;
        String label;
        switch (r.nextInt(7)) {
            case 0 -> {
                String t = HOSTILE_TEXT.get(r.nextInt(HOSTILE_TEXT.size()));
                text = form ? valid.replaceFirst("password=[^&]*", "password=" + t) : valid.replaceFirst(",", "," + t);
                label = "text " + shown(t);
            }
            case 1 -> {
                int n = r.nextBoolean() ? 100_000 : 1_000_000;
                text = form ? valid + "&username=" + "u".repeat(n) : valid.replaceFirst(",", "," + "长".repeat(n));
                label = "value of " + n;
            }
            case 2 -> {
                text = form ? "grant_type=" + List.of("", "client_credentials", "refresh_token", "implicit",
                        "password%").get(r.nextInt(5)) : valid.substring(0, valid.indexOf('\n') + 1);
                label = form ? "grant type" : "header only";
            }
            case 3 -> {
                text = form ? valid.replace("&", "&&&=&") : valid.replace(",", ",,,,,,,,");
                label = "shifted separators";
            }
            case 4 -> {
                text = form ? "%zz%%%" : "\"unclosed,quote\n" + valid;
                label = "malformed";
            }
            case 5 -> {
                text = "";
                label = "empty";
            }
            default -> {
                return Body.text(valid, r.nextBoolean() ? "application/json" : "application/octet-stream",
                        "wrong content type");
            }
        }
        return Body.text(text, contentType, label);
    }

    /** A valid CSV or form with unicode in its free text. */
    Body textBoundary(String valid, String contentType, Random r) {
        String u = VALID_UNICODE.get(r.nextInt(VALID_UNICODE.size()));
        if (contentType.contains("form")) {
            return Body.text(valid, contentType, "valid");
        }
        String[] lines = valid.split("\n", 2);
        String[] cells = lines.length > 1 ? lines[1].split(",", 2) : new String[0];
        if (cells.length < 2) {
            return Body.text(valid, contentType, "valid");
        }
        return Body.text(lines[0] + "\n" + cells[0] + " " + u.replace(",", "") + "," + cells[1], contentType,
                "unicode title");
    }

    static String shown(String s) {
        StringBuilder sb = new StringBuilder();
        s.codePoints().limit(24).forEach(c -> {
            if (c < 0x20 || c == 0x7f || (c >= 0x200b && c <= 0x206f) || c == 0xfeff || c == 0xffff) {
                sb.append(String.format("\\u%04x", c));
            } else {
                sb.appendCodePoint(c);
            }
        });
        return "'" + sb + (s.length() > 24 ? "…(" + s.length() + ")" : "") + "'";
    }
}
