package io.kechuang.achievement.service;

import io.kechuang.events.achievement.AchievementStatus;
import io.kechuang.events.taxonomy.TechnicalField;
import java.time.OffsetDateTime;
import java.util.UUID;

/** List filters; every one optional. */
public record AchievementFilter(UUID owner, AchievementStatus status, TechnicalField field, OffsetDateTime updatedSince) {
}
