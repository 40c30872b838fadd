/**
 * The achievement's rules and transactions: {@link io.kechuang.achievement.service.AchievementService} extends the
 * listing kernel's {@code ListingService} (status machine, readiness to publish, the transfer a contract makes) and is
 * {@code @Transactional}. Must not: import {@code rest} or build HTTP responses; it returns views and throws problems.
 */
package io.kechuang.achievement.service;
