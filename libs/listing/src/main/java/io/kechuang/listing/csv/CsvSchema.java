package io.kechuang.listing.csv;

import io.kechuang.common.problem.FieldError;
import io.kechuang.common.problem.ProblemException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
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
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * A CSV import format: UTF-8 (a BOM from Excel is accepted), a header row naming some of the known columns in any
 * order and case, then one record per row. The reader only converts cells into the service's API request; the same
 * Bean Validation as the REST API then judges each row, and {@link #columnOf} reports its findings by the column
 * the user edits. The rejected rows of an import come back in the file's own columns plus {@value #ERRORS_COLUMN}
 * ({@link #rejectedRows}), which a corrected file may keep: the reader ignores that column.
 *
 * @param <R> the API request type a row becomes
 */
public final class CsvSchema<R> {

    /** The column the rejected-rows download adds; ignored when such a file is imported again. */
    public static final String ERRORS_COLUMN = "import_errors";

    private final List<String> columns;
    private final List<String> required;
    private final Map<String, String> columnOfField;
    private final Function<CsvCells, R> reader;

    private CsvSchema(List<String> columns, List<String> required, Map<String, String> columnOfField,
            Function<CsvCells, R> reader) {
        this.columns = List.copyOf(columns);
        this.required = List.copyOf(required);
        this.columnOfField = Map.copyOf(columnOfField);
        this.reader = reader;
    }

    /**
     * @param columns every known column, in template order
     * @param required the columns a header must contain
     * @param columnOfField request field path (prefix) → column, for fields not named like their column
     * @param reader turns one row's cells into a request
     */
    public static <R> CsvSchema<R> of(List<String> columns, List<String> required, Map<String, String> columnOfField,
            Function<CsvCells, R> reader) {
        return new CsvSchema<>(columns, required, columnOfField, reader);
    }

    public List<String> columns() {
        return columns;
    }

    /** A downloadable template: a BOM (so Excel reads UTF-8), the full header and the given example rows. */
    public String template(String... exampleRows) {
        StringBuilder out = new StringBuilder("\uFEFF").append(String.join(",", columns)).append('\n');
        for (String row : exampleRows) {
            out.append(row).append('\n');
        }
        return out.toString();
    }

    /** Every data row, converted; a bad header, no rows or more than {@code maxRows} rows is a 400 for the file. */
    public List<CsvRow<R>> parse(String text, int maxRows) {
        try (CSVParser parser = open(text)) {
            checkHeader(parser.getHeaderNames());
            List<CsvRow<R>> rows = new ArrayList<>();
            for (CSVRecord record : parser) {
                if (rows.size() == maxRows) {
                    throw ProblemException.validation("file", "has more than " + maxRows + " rows; split it into smaller files");
                }
                CsvCells cells = new CsvCells(record);
                R request = reader.apply(cells);
                rows.add(new CsvRow<>(rows.size() + 1, request, cells.errors()));
            }
            if (rows.isEmpty()) {
                throw ProblemException.validation("file", "has a header but no data rows");
            }
            return rows;
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            // Reading a string fails only on the text itself: commons-csv reports broken quoting as an IOException.
            Throwable cause = e instanceof UncheckedIOException unchecked ? unchecked.getCause() : e;
            throw ProblemException.validation("file", "is not valid CSV: " + cause.getMessage());
        }
    }

    /**
     * The rows of a file {@link #parse} accepted whose numbers are keys of {@code errors}, as a CSV to fix and import
     * again: a BOM, the file's own header and cells, and {@value #ERRORS_COLUMN} with the row's errors.
     */
    public String rejectedRows(String text, Map<Integer, String> errors) {
        StringWriter out = new StringWriter().append('\uFEFF');
        try (CSVParser parser = open(text);
                CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get())) {
            List<String> header = parser.getHeaderNames();
            int skipped = header.indexOf(header.stream().filter(ERRORS_COLUMN::equalsIgnoreCase).findFirst().orElse(""));
            List<String> columns = new ArrayList<>(header);
            if (skipped >= 0) {
                columns.remove(skipped);
            }
            columns.add(ERRORS_COLUMN);
            printer.printRecord(columns);
            int number = 0;
            for (CSVRecord record : parser) {
                String error = errors.get(++number);
                if (error == null) {
                    continue;
                }
                List<String> cells = new ArrayList<>(Arrays.asList(record.values()));
                while (cells.size() < header.size()) {
                    cells.add("");
                }
                if (skipped >= 0) {
                    cells.remove(skipped);
                }
                cells.add(error);
                printer.printRecord(cells);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static CSVParser open(String text) throws IOException {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreEmptyLines(true).setIgnoreHeaderCase(true).get();
        return CSVParser.parse(new StringReader(body), format);
    }

    /**
     * The column a request field path belongs to, to report a finding where the user edits it. A field maps to the
     * column of the same name in snake case ({@code budget.currency} → {@code budget_currency}, {@code minTrl} →
     * {@code min_trl}), a whole object to its first column ({@code contact} → {@code contact_person}), a list element
     * to the list's column, and anything else through {@code columnOfField}.
     */
    public String columnOf(String fieldPath) {
        String path = fieldPath.replaceAll("\\[\\d+]", "");
        for (String candidate = path; !candidate.isEmpty();
                candidate = candidate.contains(".") ? candidate.substring(0, candidate.lastIndexOf('.')) : "") {
            if (columnOfField.containsKey(candidate)) {
                return columnOfField.get(candidate);
            }
            String snake = candidate.replace('.', '_').replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
            for (String column : columns) {
                if (column.equals(snake) || column.startsWith(snake + "_")) {
                    return column;
                }
            }
        }
        return path;
    }

    private void checkHeader(List<String> header) {
        List<FieldError> errors = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String name : header) {
            String column = name.toLowerCase(Locale.ROOT);
            if (column.equals(ERRORS_COLUMN)) {
                continue;
            }
            if (!columns.contains(column)) {
                errors.add(new FieldError("header", "unknown column '" + name + "'; known columns: " + columns));
            } else if (!seen.add(column)) {
                errors.add(new FieldError("header", "column '" + name + "' appears twice"));
            }
        }
        for (String column : required) {
            if (!seen.contains(column)) {
                errors.add(new FieldError("header", "the " + column + " column is required"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
    }
}
