/**
 * Between the demand entity, its API model ({@code demand.api}) and its event ({@code DemandState} on
 * {@code demands.v1}): {@link io.kechuang.demand.mapping.DemandMapper}. Must not: decide who may see what (the
 * caller's {@code Disclosure} is given to it) or touch the database.
 */
package io.kechuang.demand.mapping;
