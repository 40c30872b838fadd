/**
 * The achievement CSV import format ({@link io.kechuang.achievement.csv.AchievementCsv}): its columns, the template
 * and how a row becomes an {@code AchievementRequest}; parsing and the per-row report come from
 * {@code io.kechuang.listing.csv}. Must not: write to the database (the service imports the rows).
 */
package io.kechuang.achievement.csv;
