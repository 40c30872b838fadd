/**
 * The demand HTTP API: the resources (injecting only {@code DemandService}), their OpenAPI annotations and the zh/en
 * examples as Java constants ({@code ApiExamples}, named components the operations refer to). Decides HTTP statuses
 * and headers (ETag, Location). Must not: hold rules or open transactions; nothing else imports this package.
 */
package io.kechuang.demand.rest;
