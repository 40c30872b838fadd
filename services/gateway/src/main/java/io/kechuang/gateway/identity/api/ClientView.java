package io.kechuang.gateway.identity.api;

import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An API client as the admin sees it. {@code roles} are what it was registered for; {@code tokenRoles} what its
 * tokens carry now: its write roles only while {@code writeGrant} is present.
 */
@Schema(name = "Client")
public record ClientView(UUID id, String clientId, String name, UUID organisationId,
        @Schema(description = "The roles the client was registered for", example = "[\"ENTERPRISE\"]")
        Set<String> roles,
        @Schema(description = "The roles its tokens carry now: the read-only ones (PARTNER), and the others only "
                + "with a write grant", example = "[]") Set<String> tokenRoles,
        @Schema(description = "Absent until an admin grants write (PUT /api/admin/clients/{id}/write-grant)",
                nullable = true) WriteGrant writeGrant,
        Integer rateLimit, boolean enabled, OffsetDateTime createdAt) {
}
