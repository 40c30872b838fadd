package io.kechuang.listing.csv;

import io.kechuang.common.problem.FieldError;
import java.util.List;

/**
 * One parsed data row.
 *
 * @param number 1 for the first row after the header
 * @param request the row as an API request, with null where a cell could not be read
 * @param errors the cells that could not be read, by column
 */
public record CsvRow<R>(int number, R request, List<FieldError> errors) {
}
