/**
 * The security suite: a committed table ({@code security/<service>.csv} at the repository root) of expected statuses
 * per operation and role, run against real records owned by other organisations.
 *
 * <ul>
 *   <li>{@link io.kechuang.testing.security.SecurityTable} reads the table and its body templates;</li>
 *   <li>{@link io.kechuang.testing.security.ApiOperations} reads a service's own OpenAPI document;</li>
 *   <li>{@link io.kechuang.testing.security.SecurityWorld} is the cast: owner organisations, foreign organisations of
 *       the same kind, brokers and broker leads of two brokerages, a partner and an admin, with their tokens and
 *       their {@code identity.v1} events;</li>
 *   <li>{@link io.kechuang.testing.security.Fixtures} creates the records a row runs against (service-specific);
 *       {@link io.kechuang.testing.security.ListingFixtures} and {@link io.kechuang.testing.security.ConsentFixtures}
 *       are those of the listing services, made through their API (and {@code matches.v1} for matches);</li>
 *   <li>{@link io.kechuang.testing.security.BadValues} makes the seeded malformed and extreme parameter values;</li>
 *   <li>{@link io.kechuang.testing.security.SecuritySuite} walks the document and the table as JUnit dynamic tests:
 *       coverage, one test per row, bad values per parameter, malformed bodies.</li>
 * </ul>
 *
 * Must not: depend on a service, or know any service's records; those are the service test's {@code Fixtures}.
 */
package io.kechuang.testing.security;
