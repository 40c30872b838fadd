package io.kechuang.gateway.identity.api;

import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Client")
public record ClientView(UUID id, String clientId, String name, UUID organisationId, Set<String> roles,
        Integer rateLimit, boolean enabled, OffsetDateTime createdAt) {
}
