package io.kechuang.common.problem;

/**
 * One offending input field.
 *
 * @param field dotted path of the field as the client sent it, e.g. {@code askingPrice.currency} or
 *        {@code keywords[2]}; for CSV imports the column name
 * @param message what is wrong, in words a person can act on
 */
public record FieldError(String field, String message) {
}
