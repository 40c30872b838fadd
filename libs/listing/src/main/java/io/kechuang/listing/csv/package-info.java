/**
 * CSV bulk imports, the same way in every service: a {@link io.kechuang.listing.csv.CsvSchema} reads the file into
 * API requests, {@link io.kechuang.listing.csv.CsvImporter} validates every row and creates the valid ones, and the
 * {@link io.kechuang.listing.csv.ImportReport} names each rejected row's bad columns.
 */
package io.kechuang.listing.csv;
