/**
 * The demand CSV import format ({@link io.kechuang.demand.csv.DemandCsv}): its columns, the template and how a row
 * becomes a {@code DemandRequest}; parsing and the per-row report come from {@code io.kechuang.listing.csv}. Must
 * not: write to the database (the service imports the rows).
 */
package io.kechuang.demand.csv;
