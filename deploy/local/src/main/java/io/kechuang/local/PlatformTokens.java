package io.kechuang.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;

import io.kechuang.local.DemoAccounts.DemoCredentials;
import io.kechuang.local.GatewayClient.GatewayToken;

/**
 * Real gateway tokens for every {@link DemoUser}, signed in at one moment.
 *
 * @param byUser   each demo account's token from {@code /auth/token}
 * @param issuedAt when they were asked for
 */
public record PlatformTokens(Map<DemoUser, GatewayToken> byUser, Instant issuedAt) {

    public PlatformTokens {
        byUser = Map.copyOf(byUser);
    }

    /** The bearer token of {@code user}. */
    public String token(DemoUser user) {
        return byUser.get(user).accessToken();
    }

    /** When the first of them runs out (the gateway's tokens live 15 minutes). */
    public Instant expiresAt() {
        return byUser.values().stream().map(GatewayToken::expiresAt).min(Comparator.naturalOrder()).orElse(issuedAt);
    }

    /**
     * Writes {@code tokens.env} for {@code source}: {@code GATEWAY}, each {@code *_TOKEN} and {@code *_ORG}, and the
     * demo credentials the README's sign-in examples use. Owner-readable only.
     */
    void writeEnvFile(Path file, URI gateway, DemoCredentials credentials) {
        StringBuilder sb = new StringBuilder()
                .append("# Kechuang demo tokens from the gateway's /auth/token, signed in at ").append(issuedAt)
                .append(", valid until ").append(expiresAt()).append(".\n")
                .append("# Load them into a shell with:  source ").append(file).append('\n')
                .append("# Fresh ones (every 15 minutes):  deploy/local/run tokens && source ").append(file).append('\n')
                .append("# Then:  curl -H \"Authorization: Bearer $UNIVERSITY_TOKEN\" $GATEWAY/api/achievements\n")
                .append("# Local-only demo credentials; the platform listens on 127.0.0.1 only.\n\n")
                .append("export GATEWAY=").append(gateway).append('\n')
                .append("export DEMO_PASSWORD=").append(DemoUser.DEMO_PASSWORD).append('\n')
                .append("export ADMIN_PASSWORD=").append(credentials.adminPassword()).append('\n')
                .append("export PARTNER_CLIENT_ID=").append(DemoUser.PARTNER.subject()).append('\n')
                .append("export PARTNER_CLIENT_SECRET=").append(credentials.partnerClientSecret()).append('\n');
        for (DemoUser user : DemoUser.values()) {
            sb.append("\n# ").append(user.subject()).append(" (").append(switch (user.kind()) {
                case USER -> "password $DEMO_PASSWORD";
                case ADMIN -> "password $ADMIN_PASSWORD";
                case CLIENT -> "API client, secret $PARTNER_CLIENT_SECRET";
            }).append("): orgType ").append(user.orgType()).append(", groups ").append(String.join(",", user.groups()))
                    .append('\n')
                    .append("export ").append(user.orgVariable()).append('=').append(user.orgId()).append('\n')
                    .append("export ").append(user.tokenVariable()).append('=').append(token(user)).append('\n');
        }
        try {
            PrivateFiles.write(file, sb);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "PlatformTokens[" + byUser.keySet() + ", valid until " + expiresAt() + "]";
    }
}
