/**
 * Errors as RFC 9457 problem details. Services throw {@link io.kechuang.common.problem.ProblemException} (or let
 * validation, JSON binding, security and optimistic locking fail on their own); {@link
 * io.kechuang.common.problem.ProblemMappers} turns every failure into {@code application/problem+json} with the
 * status from the architecture's table and, for bad input, every offending field.
 */
package io.kechuang.common.problem;
