/**
 * The HTTP API: the JAX-RS resources (suggestions, the broker workflow, search, labelled pairs), their API views
 * ({@link io.kechuang.matching.rest.MatchView}) and OpenAPI examples. Resources check the request's shape, call the
 * services of {@code suggestion}, {@code workflow}, {@code search} or {@code learning}, and choose the status code;
 * they hold no business rules and touch no index or table themselves. No other package may import this one.
 */
package io.kechuang.matching.rest;
