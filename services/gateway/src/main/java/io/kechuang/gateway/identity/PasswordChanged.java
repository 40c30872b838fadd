package io.kechuang.gateway.identity;

import java.util.UUID;

/**
 * A user's password was changed: by the user ({@code PUT /auth/password}) or reset by an admin
 * ({@code PUT /api/admin/users/{id}/password}). A CDI event fired inside the transaction that stores the new hash;
 * observers choose their phase, and one that must act only on a committed change observes it with
 * {@code @Observes(during = TransactionPhase.AFTER_SUCCESS)}. The browser console does so to end the user's
 * sessions. It carries no password and no hash, and it is not published on {@code identity.v1}: nothing public about
 * the user changed, and tokens already issued stay valid until they expire.
 *
 * @param userId the user's id
 * @param username the user's username (lower case), the {@code sub} of the user's tokens
 */
public record PasswordChanged(UUID userId, String username) {
}
