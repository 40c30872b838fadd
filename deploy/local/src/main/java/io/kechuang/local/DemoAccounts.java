package io.kechuang.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.kechuang.local.GatewayClient.GatewayException;
import io.kechuang.local.GatewayClient.GatewayToken;

/**
 * The demo accounts in the gateway, and signing them in.
 *
 * <ul>
 * <li>The administrator's password is made once by the launcher ({@link #adminPassword(Layout)}, kept in
 *     {@code <data>/admin-password}, owner-only) and handed to the gateway as
 *     {@code KECHUANG_GATEWAY_BOOTSTRAP_ADMIN_PASSWORD}, so the gateway creates {@code admin} with it on its first
 *     start.</li>
 * <li>{@link #ensure()} signs the administrator in and registers, through the admin API, the demo organisations
 *     (fixed ids), the demo people (password {@link DemoUser#DEMO_PASSWORD}) and the partner portal's API client,
 *     whose secret goes to {@code <data>/partner-client-secret}. What exists already is left alone (the gateway
 *     answers 409), so every start runs it.</li>
 * <li>{@link #signIn(DemoUser)} gets a real token from {@code /auth/token}.</li>
 * </ul>
 */
final class DemoAccounts {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final GatewayClient gateway;
    private final Layout layout;

    DemoAccounts(GatewayClient gateway, Layout layout) {
        this.gateway = gateway;
        this.layout = layout;
    }

    /** The administrator's password, and whether it was made just now. */
    record AdminPassword(String value, boolean madeNow) {
        @Override
        public String toString() {
            return "AdminPassword[madeNow=" + madeNow + "]";
        }
    }

    /** Reads {@code <data>/admin-password}, or makes a new random one there (owner-readable only). */
    static AdminPassword adminPassword(Layout layout) {
        Optional<String> existing = read(layout.adminPassword());
        if (existing.isPresent()) {
            return new AdminPassword(existing.get(), false);
        }
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        write(layout.adminPassword(), password);
        return new AdminPassword(password, true);
    }

    /** Registers whatever demo organisation, user or client is missing; keeps the partner's secret. */
    void ensure() {
        String admin = signIn(DemoUser.ADMIN).accessToken();
        for (DemoUser user : DemoUser.values()) {
            if (user.orgName().isPresent()) {
                gateway.createOrganisation(admin, user.orgId(), user.orgName().get(), user.orgType(),
                        DemoUser.DEMO_REGION);
            }
            if (user.kind() == DemoUser.Kind.USER) {
                gateway.createUser(admin, user.subject(), "Demo " + user.name().toLowerCase(Locale.ROOT),
                        DemoUser.DEMO_PASSWORD, user.orgId(), user.groups().get(0), user.lead());
            }
        }
        DemoUser partner = DemoUser.PARTNER;
        Optional<String> secret = gateway.createClient(admin, partner.subject(), partner.orgName().orElseThrow(),
                partner.orgId(), partner.groups().get(0));
        if (secret.isPresent()) {
            write(layout.partnerClientSecret(), secret.get());
        } else if (!secretWorks(read(layout.partnerClientSecret()))) {
            // The client exists but its secret is lost (or was replaced through the admin API): issue a new one.
            write(layout.partnerClientSecret(), gateway.resetClientSecret(admin, partner.subject(), partner.orgId()));
        }
    }

    private boolean secretWorks(Optional<String> secret) {
        if (secret.isEmpty()) {
            return false;
        }
        try {
            gateway.clientToken(DemoUser.PARTNER.subject(), secret.get());
            return true;
        } catch (GatewayException e) {
            if (e.status() == 401) {
                return false;
            }
            throw e;
        }
    }

    /** A fresh token for {@code user} from the gateway's {@code /auth/token}. */
    GatewayToken signIn(DemoUser user) {
        try {
            return switch (user.kind()) {
                case USER -> gateway.passwordToken(user.subject(), DemoUser.DEMO_PASSWORD);
                case ADMIN -> gateway.passwordToken(user.subject(), required(layout.adminPassword()));
                case CLIENT -> gateway.clientToken(user.subject(), required(layout.partnerClientSecret()));
            };
        } catch (GatewayException e) {
            if (user == DemoUser.ADMIN && e.status() == 400) {
                throw new IllegalStateException("The gateway's administrator 'admin' does not accept the password in "
                        + layout.adminPassword() + " (" + e.getMessage() + "). Was it changed, or the file replaced? "
                        + "Delete that file and start again: the launcher then makes a new password and starts the "
                        + "gateway's database afresh (the other services' data stays).", e);
            }
            throw e;
        }
    }

    /** Signs every demo account in. */
    PlatformTokens signInAll() {
        Instant now = Instant.now();
        Map<DemoUser, GatewayToken> tokens = new EnumMap<>(DemoUser.class);
        for (DemoUser user : DemoUser.values()) {
            tokens.put(user, signIn(user));
        }
        return new PlatformTokens(tokens, now);
    }

    /** The admin password and the partner's client secret, for tokens.env. */
    DemoCredentials credentials() {
        return new DemoCredentials(required(layout.adminPassword()), required(layout.partnerClientSecret()));
    }

    private static String required(Path file) {
        return read(file).orElseThrow(() -> new IllegalStateException(file + " is missing: start the platform "
                + "(deploy/local/run) to create the demo accounts"));
    }

    private static Optional<String> read(Path file) {
        try {
            return Files.isRegularFile(file)
                    ? Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip()).filter(s -> !s.isEmpty())
                    : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String secret) {
        try {
            PrivateFiles.write(file, secret + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    /** What tokens.env exports besides the tokens, so that the README's sign-in examples run as written. */
    record DemoCredentials(String adminPassword, String partnerClientSecret) {
        @Override
        public String toString() {
            return "DemoCredentials[…]";
        }
    }
}
