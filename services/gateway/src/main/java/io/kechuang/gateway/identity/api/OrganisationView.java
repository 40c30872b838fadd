package io.kechuang.gateway.identity.api;

import io.kechuang.events.taxonomy.OrgType;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * @param enabled false once an admin disabled it: its users and clients get no tokens
 * @param version the version of its last state published on identity.v1
 */
@Schema(name = "Organisation")
public record OrganisationView(UUID id, String name, OrgType type, String regionCode, String creditCode,
        boolean enabled,
        @Schema(description = "Version of its last state published on identity.v1; grows with every change",
                example = "1") long version,
        OffsetDateTime createdAt) {
}
