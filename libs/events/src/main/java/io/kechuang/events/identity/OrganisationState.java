package io.kechuang.events.identity;

import io.kechuang.events.taxonomy.OrgType;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * An organisation after a change ({@code kechuang.identity.organisation-changed}).
 *
 * @param regionCode GB/T 2260 administrative division code, or null
 * @param enabled whether its users and clients may act on the platform
 */
public record OrganisationState(
        UUID id,
        String name,
        OrgType type,
        String regionCode,
        boolean enabled,
        long version,
        OffsetDateTime updatedAt) {
}
