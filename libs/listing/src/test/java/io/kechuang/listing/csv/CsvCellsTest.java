package io.kechuang.listing.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.kechuang.common.problem.FieldError;
import io.kechuang.events.taxonomy.CooperationMode;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.junit.jupiter.api.Test;

class CsvCellsTest {

    /** The cells of the one data row of {@code header} and {@code row}. */
    static CsvCells cells(String header, String row) {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).get();
        try (CSVParser parser = CSVParser.parse(new StringReader(header + "\n" + row + "\n"), format)) {
            return new CsvCells(parser.getRecords().get(0));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void blankAndMissingCellsReadAsNull() {
        CsvCells c = cells("title,summary", "光伏,  ");
        assertEquals("光伏", c.text("title"));
        assertNull(c.text("summary"));
        assertNull(c.text("region"), "a column the file does not have");
        assertNull(c.number("summary"));
        assertEquals(List.of(), c.errors());
    }

    @Test
    void listsSplitOnHalfAndFullWidthSemicolonsAndDropBlanks() {
        CsvCells c = cells("keywords", "钙钛矿；封装; ;湿热稳定性");
        assertEquals(List.of("钙钛矿", "封装", "湿热稳定性"), c.list("keywords"));
    }

    @Test
    void enumsAreCaseInsensitiveAndEachUnknownValueIsNamed() {
        CsvCells c = cells("modes", "licence;Transfer;lease;gift");
        Set<CooperationMode> modes = c.enumSet("modes", CooperationMode.class);
        assertEquals(Set.of(CooperationMode.LICENCE, CooperationMode.TRANSFER), modes);
        assertEquals(List.of("modes", "modes"), c.errors().stream().map(FieldError::field).toList());
        assertEquals("'lease' " + CsvCells.oneOf(CooperationMode.class), c.errors().get(0).message());
    }

    @Test
    void numbersDatesAndBooleansConvertOrRecordTheirColumn() {
        CsvCells good = cells("amount,trl,due,negotiable,agreed", "1500000.50,6,2027-12-31,是,no");
        assertEquals(new BigDecimal("1500000.50"), good.number("amount"));
        assertEquals(6, good.wholeNumber("trl", "must be a whole number"));
        assertEquals(LocalDate.of(2027, 12, 31), good.date("due"));
        assertEquals(true, good.bool("negotiable"));
        assertEquals(false, good.bool("agreed"));
        assertEquals(List.of(), good.errors());

        CsvCells bad = cells("amount,trl,due,negotiable", "1.5 million,six,31/12/2027,maybe");
        assertNull(bad.number("amount"));
        assertNull(bad.wholeNumber("trl", "must be a whole number from 1 to 9"));
        assertNull(bad.date("due"));
        assertNull(bad.bool("negotiable"));
        assertEquals(List.of(new FieldError("amount", "must be a number"),
                new FieldError("trl", "must be a whole number from 1 to 9"),
                new FieldError("due", "must be a date such as 2027-12-31"),
                new FieldError("negotiable", "must be true or false")), bad.errors());
    }

    @Test
    void theContactIsReadFromItsThreeColumnsOrIsAbsent() {
        assertNull(CsvContact.read(cells("title,contact_person,contact_phone,contact_email", "光伏,,,")));
        var contact = CsvContact.read(cells("contact_person,contact_email", "王老师,ttc@example.edu.cn"));
        assertEquals("王老师", contact.person());
        assertNull(contact.phone());
        assertEquals("ttc@example.edu.cn", contact.email());
    }
}
