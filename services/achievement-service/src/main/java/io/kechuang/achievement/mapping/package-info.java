/**
 * Between the achievement entity, its API model ({@code achievement.api}) and its event ({@code AchievementState}
 * on {@code achievements.v1}): {@link io.kechuang.achievement.mapping.AchievementMapper}. Must not: decide who may
 * see what (the caller's {@code Disclosure} is given to it) or touch the database.
 */
package io.kechuang.achievement.mapping;
