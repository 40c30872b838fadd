/**
 * The achievement API model: what an owner writes ({@link io.kechuang.achievement.api.AchievementRequest},
 * {@link io.kechuang.achievement.api.StatusChange}) and what a caller reads
 * ({@link io.kechuang.achievement.api.AchievementView}). Shared by {@code rest}, {@code service}, {@code mapping} and
 * {@code csv}, so that none of them imports another's layer. Must not: depend on the entity, the service or the
 * resource; it holds records with their validation and OpenAPI schema only.
 */
package io.kechuang.achievement.api;
