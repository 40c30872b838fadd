/**
 * The achievement HTTP API: the resources (injecting only {@code AchievementService}), their OpenAPI annotations and
 * the zh/en examples as Java constants ({@code ApiExamples}). Decides HTTP statuses and headers (ETag, Location).
 * Must not: hold rules or open transactions; nothing else imports this package.
 */
package io.kechuang.achievement.rest;
