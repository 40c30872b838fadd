package io.kechuang.gateway.identity.api;

import io.kechuang.events.taxonomy.OrgType;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Organisation")
public record OrganisationView(UUID id, String name, OrgType type, String regionCode, String creditCode,
        OffsetDateTime createdAt) {
}
