package io.kechuang.gateway.token;

import io.kechuang.gateway.identity.Identity;
import io.kechuang.gateway.identity.api.UserRequest;
import io.kechuang.gateway.identity.service.Credentials;
import io.kechuang.gateway.limits.LoginThrottle;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * The two OAuth2 grants: {@code password} for people and {@code client_credentials} for programs. Both count the
 * attempt per account and per client address, and are throttled, before any secret is checked. Deliberately not
 * transactional: the attempt counters must survive the failed request.
 */
@ApplicationScoped
public class TokenService {

    /** Longest account name worth a throttle bucket; longer ones cannot exist and are cut. */
    private static final int MAX_ACCOUNT = 100;

    @Inject
    Credentials credentials;

    @Inject
    LoginThrottle throttle;

    @Inject
    TokenIssuer issuer;

    public IssuedToken password(String username, String password, String address) {
        if (blank(username) || blank(password)) {
            throw OAuthErrors.invalidRequest("the password grant needs username and password");
        }
        String account = bucketName(UserRequest.normalise(username));
        return issue(account, address, () -> credentials.user(username, password), OAuthErrors::invalidGrant);
    }

    public IssuedToken clientCredentials(String clientId, String secret, String address) {
        if (blank(clientId) || blank(secret)) {
            throw OAuthErrors.invalidClient();
        }
        return issue(bucketName(clientId), address, () -> credentials.client(clientId, secret),
                OAuthErrors::invalidClient);
    }

    private IssuedToken issue(String account, String address, java.util.function.Supplier<Optional<Identity>> check,
            java.util.function.Supplier<RuntimeException> refusal) {
        // Counted before the check, atomically, so that parallel guesses cannot all pass on the same old count.
        Optional<Long> wait = throttle.attempt(account, address);
        if (wait.isPresent()) {
            throw OAuthErrors.throttled(wait.get());
        }
        Optional<Identity> identity = check.get();
        if (identity.isEmpty()) {
            throw refusal.get();
        }
        throttle.succeeded(account, address);
        return issuer.issue(identity.get());
    }

    private static String bucketName(String account) {
        return account.length() > MAX_ACCOUNT ? account.substring(0, MAX_ACCOUNT) : account;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
