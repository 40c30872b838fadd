/**
 * JSON console logs for production, as a small Quarkus extension over JBoss LogManager's own {@code JsonFormatter}:
 * {@code kechuang.log.json.enabled=true} (each service sets it in its {@code %prod} profile) replaces the console's
 * pattern with one JSON object per line. The build step is in {@code kechuang-logging-json-deployment}.
 */
package io.kechuang.logging.json;
