package io.kechuang.events.match;

import io.kechuang.events.taxonomy.CooperationMode;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The state of a match after a change, carried by match events on {@code matches.v1}. It names both owner
 * organisations so the achievement and demand services can record who was introduced to whom, and the assigned
 * broker so the demand service can show that broker the confidential details; it carries no contact data and no
 * explanation text.
 *
 * @param brokerSubject the assigned broker's user id, or null while unassigned
 * @param brokerOrgId the assigned broker's organisation, or null
 * @param contractCooperationMode the cooperation mode of the recorded contract, once CONTRACTED
 */
public record MatchState(
        UUID id,
        UUID demandId,
        UUID achievementId,
        UUID demandOwnerOrgId,
        UUID achievementOwnerOrgId,
        MatchStatus status,
        double score,
        long version,
        OffsetDateTime updatedAt,
        String brokerSubject,
        UUID brokerOrgId,
        CooperationMode contractCooperationMode) {
}
