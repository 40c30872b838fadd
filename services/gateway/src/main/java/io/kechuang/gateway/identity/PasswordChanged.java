package io.kechuang.gateway.identity;

import java.util.UUID;

/**
 * Fired (CDI) when a user's password changed, by the user or reset by an admin. The console observes it after the
 * transaction commits and ends every session of that user.
 */
public record PasswordChanged(UUID userId, String username) {
}
