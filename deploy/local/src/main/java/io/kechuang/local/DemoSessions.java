package io.kechuang.local;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

import io.kechuang.local.GatewayClient.GatewayToken;

/**
 * The demo accounts signed in at the gateway: a real token for each, from start-up, signed in again at
 * {@code /auth/token} once it is about to run out (gateway tokens live 15 minutes).
 */
final class DemoSessions {

    /** {@link #token(DemoUser)} signs in again when its token has less than this left. */
    private static final Duration TOKEN_MARGIN = Duration.ofMinutes(1);

    private final DemoAccounts accounts;
    private final Map<DemoUser, GatewayToken> current = new EnumMap<>(DemoUser.class); // guarded by itself

    DemoSessions(DemoAccounts accounts, PlatformTokens signedIn) {
        this.accounts = accounts;
        current.putAll(signedIn.byUser());
    }

    /** A token of {@code user} valid for at least another minute. */
    String token(DemoUser user) {
        synchronized (current) {
            GatewayToken token = current.get(user);
            if (token == null || token.expiresAt().isBefore(Instant.now().plus(TOKEN_MARGIN))) {
                token = accounts.signIn(user);
                current.put(user, token);
            }
            return token.accessToken();
        }
    }

    /** Every demo account's token, as {@link #token(DemoUser)} gives it. */
    PlatformTokens tokens() {
        for (DemoUser user : DemoUser.values()) {
            token(user);
        }
        return held();
    }

    /** The tokens held now, without signing anyone in: when the first of them runs out, for the summary. */
    PlatformTokens held() {
        synchronized (current) {
            return new PlatformTokens(new EnumMap<>(current), Instant.now());
        }
    }
}
