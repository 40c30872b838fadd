package io.kechuang.gateway.identity.api;

import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "User")
public record UserView(UUID id, String username, String displayName, UUID organisationId, Set<String> roles,
        @Schema(description = "A broker lead: acts on every match assigned to a broker of the same brokerage. "
                + "Only for BROKER users of a BROKERAGE organisation; not a token group") boolean lead,
        boolean enabled,
        @Schema(description = "Version of its last state published on identity.v1; grows with every change",
                example = "1") long version,
        OffsetDateTime createdAt) {
}
