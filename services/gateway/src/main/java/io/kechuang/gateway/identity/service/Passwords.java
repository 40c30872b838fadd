package io.kechuang.gateway.identity.service;

import io.kechuang.common.problem.ProblemException;
import io.kechuang.gateway.identity.UserAccount;
import io.kechuang.gateway.identity.api.PasswordChange;
import io.kechuang.gateway.identity.api.PasswordReset;
import io.kechuang.gateway.identity.api.UserView;
import io.kechuang.gateway.limits.LoginThrottle;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * New passwords: a user's own change, which must prove the current password, and an admin's reset. Checking the
 * current password is a sign-in attempt like the token endpoint's, counted and throttled per account by the same
 * {@link LoginThrottle} (the account's count is shared with the token endpoint), so a stolen token cannot be used to
 * guess the password behind it. It is not counted per address: the caller already holds this account's token and
 * can only guess this account's password, and counting it per address would let one user's typos lock everyone
 * behind the same address (an office's NAT) out of sign-in. Deliberately not
 * transactional: the attempt counters must survive a refused change, and bcrypt runs before the row is locked.
 * Passwords are never logged; {@link IdentityService#setPasswordHash} stores the hash and fires the event.
 */
@ApplicationScoped
public class Passwords {

    private static final Logger LOG = Logger.getLogger(Passwords.class);

    @Inject
    IdentityService identities;

    @Inject
    Credentials credentials;

    @Inject
    Secrets secrets;

    @Inject
    LoginThrottle throttle;

    /**
     * The signed-in {@code subject} replaces its own password. 403 if the subject is no user (an API client), 400
     * naming {@code newPassword} if it does not fit bcrypt, 429 while the account is throttled,
     * 400 naming {@code currentPassword} if that is wrong (a failed sign-in attempt).
     */
    public void change(String subject, PasswordChange change) {
        UserAccount user = UserAccount.find("username", subject).firstResult();
        if (user == null) {
            throw ProblemException.forbidden("Only users have a password to change; an admin replaces an API "
                    + "client's secret");
        }
        requireFits(change.newPassword(), "newPassword");
        // Counted before the check, as at the token endpoint, so that parallel guesses cannot share one old count.
        Optional<Long> wait = throttle.attempt(user.username, null);
        if (wait.isPresent()) {
            throw LoginThrottle.throttled(wait.get());
        }
        if (credentials.user(user.username, change.currentPassword()).isEmpty()) {
            throw ProblemException.validation("currentPassword", "is not the current password");
        }
        throttle.succeeded(user.username, null);
        store(user.id, change.newPassword());
        LOG.infof("User %s changed their password", user.username);
    }

    /** An admin sets a new password for user {@code id}; empty if there is no such user. */
    public Optional<UserView> reset(UUID id, PasswordReset reset, String admin) {
        requireFits(reset.password(), "password");
        Optional<UserView> user = store(id, reset.password());
        user.ifPresent(u -> {
            // The admin has dealt with the person: failed sign-ins before the reset no longer lock the account.
            throttle.succeeded(u.username(), null);
            LOG.infof("Admin %s set a new password for user %s", admin, u.username());
        });
        return user;
    }

    private Optional<UserView> store(UUID id, String password) {
        return identities.setPasswordHash(id, secrets.hash(password));
    }

    private static void requireFits(String password, String field) {
        if (!Secrets.fits(password)) {
            throw ProblemException.validation(field, Secrets.TOO_LONG);
        }
    }
}
