/**
 * The fuzz suite (issue 27, part 5): generated requests for every operation of the platform's API document
 * ({@code api/kechuang-openapi.json}), sent through the gateway of a running platform with real tokens.
 *
 * <ul>
 *   <li>{@link io.kechuang.reliability.fuzz.FuzzSettings}: the seed ({@code -Dfuzz.seed}, fixed in CI, {@code random}
 *       on demand), the number of requests ({@code -Dfuzz.requests}) and client threads;</li>
 *   <li>{@link io.kechuang.reliability.fuzz.Recipes}: who may call each operation, on which record and with which
 *       body, read from the security suite's tables ({@code security/*.csv} and their bodies);</li>
 *   <li>{@link io.kechuang.reliability.fuzz.FuzzWorld}: the records the requests run against, made first through the
 *       gateway (achievements, demands, real matches through the broker workflow, access requests, NDAs, resync runs,
 *       organisations, users, API clients), the tokens per role and the placeholders;</li>
 *   <li>{@link io.kechuang.reliability.fuzz.ParameterValues} and {@link io.kechuang.reliability.fuzz.BodyMutations}:
 *       valid, boundary and hostile values from the schemas (with libs/testing's {@code BadValues} for parameters);</li>
 *   <li>{@link io.kechuang.reliability.fuzz.RequestGenerator}: one request from a seeded plan;</li>
 *   <li>{@link io.kechuang.reliability.fuzz.Verdict}: whether an answer reached the handler, and whether an error is a
 *       valid RFC 9457 problem;</li>
 *   <li>{@link io.kechuang.reliability.fuzz.FuzzRunner} sends the plan, {@link io.kechuang.reliability.fuzz.FuzzReport}
 *       writes the histogram per operation.</li>
 * </ul>
 *
 * Must not: change the platform's configuration beyond the raised rate limits the test starts it with.
 */
package io.kechuang.reliability.fuzz;
