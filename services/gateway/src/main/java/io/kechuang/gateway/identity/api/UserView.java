package io.kechuang.gateway.identity.api;

import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "User")
public record UserView(UUID id, String username, String displayName, UUID organisationId, Set<String> roles,
        boolean enabled, OffsetDateTime createdAt) {
}
