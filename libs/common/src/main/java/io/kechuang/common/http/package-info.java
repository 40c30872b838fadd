/**
 * HTTP details every service answers the same way: {@link io.kechuang.common.http.Versions} (ETag and If-Match for
 * optimistic concurrency), {@link io.kechuang.common.http.QueryParams} (query parameters parsed with a problem+json
 * 400 naming the parameter), {@link io.kechuang.common.http.ProblemJsonAccept} (a client that accepts only
 * problem+json is not refused) and {@link io.kechuang.common.http.StrictJson} (a body is one JSON value, nothing
 * after it). Must not: hold any domain rule.
 */
package io.kechuang.common.http;
