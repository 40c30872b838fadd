package io.kechuang.gateway.console;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * An organisation's own listings as CSV (UTF-8 with a byte-order mark, so spreadsheet programs read the Chinese
 * right). Cells that a spreadsheet would run as a formula are prefixed with an apostrophe.
 */
final class Exports {

    private static final List<String> DEMAND = List.of("id", "status", "title", "technicalField", "region",
            "deadline", "budget.min", "budget.max", "budget.currency", "keywords", "cooperationModes", "minTrl",
            "problemStatement", "updatedAt");
    private static final List<String> ACHIEVEMENT = List.of("id", "status", "title", "technicalField", "region",
            "ipType", "trl", "stage", "keywords", "cooperationModes", "askingPrice.amount", "askingPrice.currency",
            "summary", "updatedAt");

    private Exports() {
    }

    static String csv(String kind, List<JsonNode> rows) {
        List<String> columns = kind.equals("demands") ? DEMAND : ACHIEVEMENT;
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder()
                .setHeader(columns.toArray(String[]::new)).get())) {
            for (JsonNode row : rows) {
                for (String column : columns) {
                    printer.print(cell(row, column));
                }
                printer.println();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static String cell(JsonNode row, String column) {
        JsonNode node = row;
        for (String part : column.split("\\.")) {
            node = node.path(part);
        }
        String value;
        if (node.isArray()) {
            StringBuilder joined = new StringBuilder();
            node.forEach(n -> joined.append(joined.isEmpty() ? "" : ";").append(n.asText()));
            value = joined.toString();
        } else {
            value = node.isMissingNode() || node.isNull() ? "" : node.asText();
        }
        return !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    }
}
