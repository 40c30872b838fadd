/**
 * CSV bulk imports of listings, the same way in both services, as jobs: a {@link io.kechuang.listing.csv.CsvSchema}
 * reads the file into API requests ({@link io.kechuang.listing.csv.CsvCells}: one pass names every bad cell, lists
 * split on {@code ;} or {@code ；}) and writes the rejected rows back out; {@link io.kechuang.listing.csv.CsvImporter}
 * accepts a file whole or refuses it with a 400, stores it as a job ({@link io.kechuang.listing.csv.ImportJobs}:
 * {@code import_job}, claimed under a lease with {@code SKIP LOCKED}) and runs a job's batches, each validating its
 * rows with the REST API's Bean Validation and creating the valid ones, with their events and the job's progress, in
 * one transaction; the {@link io.kechuang.listing.csv.ImportJob} names each rejected row's bad columns. Must not:
 * know a kind of listing (each service has its own format in its {@code csv} package), create records itself
 * ({@link io.kechuang.listing.csv.CsvImport#create} does) or schedule anything (the kernel's {@code ImportWorker}
 * does).
 */
package io.kechuang.listing.csv;
