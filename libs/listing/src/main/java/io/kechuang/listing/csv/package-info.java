/**
 * CSV bulk imports of listings, the same way in both services: a {@link io.kechuang.listing.csv.CsvSchema} reads the
 * file into API requests ({@link io.kechuang.listing.csv.CsvCells}: one pass names every bad cell, lists split on
 * {@code ;} or {@code ；}), {@link io.kechuang.listing.csv.CsvImporter} validates every row with the REST API's Bean
 * Validation and creates the valid ones in one transaction, and the {@link io.kechuang.listing.csv.ImportReport}
 * names each rejected row's bad columns. Must not: know a kind of listing (each service has its own format in its
 * {@code csv} package) or create records itself ({@link io.kechuang.listing.csv.CsvImport#create} does).
 */
package io.kechuang.listing.csv;
