package io.kechuang.listing.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kechuang.common.problem.FieldError;
import io.kechuang.common.problem.Problem;
import io.kechuang.common.problem.ProblemException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CsvSchemaTest {

    record Row(String title, List<String> keywords, Integer minTrl) {
    }

    static final CsvSchema<Row> SCHEMA = CsvSchema.of(List.of("title", "keywords", "min_trl", "budget_currency",
                    "contact_person", "contact_phone"), List.of("title"), Map.of("askingPrice", "budget_currency"),
            c -> new Row(c.text("title"), c.list("keywords"), c.wholeNumber("min_trl", "must be a whole number")));

    @Test
    void readsRowsInAnyColumnOrderAndCaseAfterAnExcelBom() {
        List<CsvRow<Row>> rows = SCHEMA.parse("\uFEFFKeywords,TITLE\n电池;储能,电池健康状态估计\n\n光伏,封装\n", 10);
        assertEquals(2, rows.size(), "empty lines are skipped");
        assertEquals(1, rows.get(0).number());
        assertEquals(new Row("电池健康状态估计", List.of("电池", "储能"), null), rows.get(0).request());
        assertEquals(2, rows.get(1).number());
    }

    @Test
    void aRowKeepsTheCellsItCouldNotRead() {
        CsvRow<Row> row = SCHEMA.parse("title,min_trl\n电池,high\n", 10).get(0);
        assertEquals(new Row("电池", null, null), row.request());
        assertEquals(List.of(new FieldError("min_trl", "must be a whole number")), row.errors());
    }

    @Test
    void aBadHeaderNamesEveryProblem() {
        Problem problem = assertThrows(ProblemException.class,
                () -> SCHEMA.parse("keywords,colour,keywords\n电池,red,储能\n", 10)).problem();
        assertEquals(400, problem.getStatus());
        assertEquals(List.of(
                new FieldError("header", "unknown column 'colour'; known columns: " + SCHEMA.columns()),
                new FieldError("header", "column 'keywords' appears twice"),
                new FieldError("header", "the title column is required")), problem.getErrors());
    }

    @Test
    void aFileWithoutRowsOrWithTooManyIsRefusedAsAWhole() {
        assertEquals(List.of(new FieldError("file", "has a header but no data rows")),
                assertThrows(ProblemException.class, () -> SCHEMA.parse("title\n", 10)).problem().getErrors());
        assertEquals(List.of(new FieldError("file", "has more than 2 rows; split it into smaller files")),
                assertThrows(ProblemException.class, () -> SCHEMA.parse("title\na\nb\nc\n", 2)).problem().getErrors());
    }

    @Test
    void brokenQuotingRefusesTheWholeFile() {
        List<FieldError> errors = assertThrows(ProblemException.class,
                () -> SCHEMA.parse("title,keywords\n\"未闭合,电池\n", 10)).problem().getErrors();
        assertEquals("file", errors.get(0).field());
        assertTrue(errors.get(0).message().startsWith("is not valid CSV: "), errors.get(0).message());
    }

    @Test
    void rejectedRowsComeBackInTheFilesOwnColumnsAndTheErrorColumnIsIgnoredOnTheWayIn() {
        String file = "\uFEFFKeywords,TITLE,min_trl\n电池;储能,好的行,3\n\n\"光伏, 封装\",坏的行,high\n";
        String rejected = SCHEMA.rejectedRows(file, Map.of(2, "min_trl: must be a whole number"));
        assertEquals("\uFEFFKeywords,TITLE,min_trl,import_errors\n\"光伏, 封装\",坏的行,high,"
                + "min_trl: must be a whole number\n", rejected);
        List<CsvRow<Row>> again = SCHEMA.parse(rejected.replace("high", "4"), 10);
        assertEquals(List.of(new Row("坏的行", List.of("光伏, 封装"), 4)), again.stream().map(CsvRow::request).toList());
        assertEquals("\uFEFFKeywords,TITLE,min_trl,import_errors\n", SCHEMA.rejectedRows(rejected, Map.of()),
                "a second round keeps one error column");
    }

    @Test
    void findingsAreReportedByTheColumnTheUserEdits() {
        assertEquals("min_trl", SCHEMA.columnOf("minTrl"), "snake case");
        assertEquals("keywords", SCHEMA.columnOf("keywords[3]"), "a list element");
        assertEquals("contact_person", SCHEMA.columnOf("contact"), "a whole object: its first column");
        assertEquals("contact_phone", SCHEMA.columnOf("contact.phone"));
        assertEquals("budget_currency", SCHEMA.columnOf("askingPrice.amount"), "mapped explicitly");
        assertEquals("unknownField", SCHEMA.columnOf("unknownField"));
    }

    @Test
    void theTemplateStartsWithABomAndTheFullHeader() {
        String template = SCHEMA.template("电池,储能,4,CNY,刘工,028-86000000");
        assertTrue(template.startsWith("\uFEFFtitle,keywords,min_trl,budget_currency,contact_person,contact_phone\n"));
        assertTrue(template.endsWith("电池,储能,4,CNY,刘工,028-86000000\n"));
    }
}
