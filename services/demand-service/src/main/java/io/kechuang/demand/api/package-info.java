/**
 * The demand API model: what an enterprise writes ({@link io.kechuang.demand.api.DemandRequest} with its
 * {@link io.kechuang.demand.api.BudgetInput} range check, {@link io.kechuang.demand.api.CloseRequest}) and what a
 * caller reads ({@link io.kechuang.demand.api.DemandView}). Shared by {@code rest}, {@code service}, {@code mapping}
 * and {@code csv}, so that none of them imports another's layer. Must not: depend on the service or the resource; it
 * holds records with their validation and OpenAPI schema only (and the public {@code CloseReason} of the root).
 */
package io.kechuang.demand.api;
