package io.kechuang.events.identity;

import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;

/**
 * A user after a change ({@code kechuang.identity.user-changed}).
 *
 * @param subject the username, which is the {@code sub} of the user's tokens
 * @param roles the token groups (UNIVERSITY, ENTERPRISE, BROKER, PARTNER, ADMIN)
 * @param lead whether the user leads the brokerage's brokers: a flag here, not a token group. A lead acts on every
 *        match assigned to a broker of the same organisation.
 * @param enabled false once an admin disabled the user: such a user is never assigned a match
 */
public record UserState(
        UUID id,
        String subject,
        UUID organisationId,
        String displayName,
        Set<String> roles,
        boolean lead,
        boolean enabled,
        long version,
        OffsetDateTime updatedAt) {
}
