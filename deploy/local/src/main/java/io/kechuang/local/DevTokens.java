package io.kechuang.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * Development tokens minted at one start, one per {@link DemoUser}.
 *
 * @param byUser    the signed compact JWS of each demo user
 * @param issuedAt  when they were minted
 * @param expiresAt when they stop working (restart the platform, or run {@code deploy/local/run tokens})
 * @param keyId     the {@code kid} header they carry
 */
public record DevTokens(Map<DemoUser, String> byUser, Instant issuedAt, Instant expiresAt, String keyId) {

    public DevTokens {
        byUser = Map.copyOf(byUser);
    }

    public String token(DemoUser user) {
        return byUser.get(user);
    }

    /** Writes {@code export UNIVERSITY_TOKEN=...} and {@code export UNIVERSITY_ORG=...} lines, for {@code source}. */
    public void writeEnvFile(Path file) {
        StringBuilder sb = new StringBuilder()
                .append("# Kechuang development tokens, minted by deploy/local at ").append(issuedAt)
                .append(", valid until ").append(expiresAt).append(".\n")
                .append("# Load them into a shell with:  source ").append(file).append('\n')
                .append("# Then call a service with:  curl -H \"Authorization: Bearer $UNIVERSITY_TOKEN\" ...\n");
        for (DemoUser user : DemoUser.values()) {
            sb.append("\n# ").append(user.subject()).append(": orgType ").append(user.orgType())
                    .append(", groups ").append(String.join(",", user.groups())).append('\n')
                    .append("export ").append(user.orgVariable()).append('=').append(user.orgId()).append('\n')
                    .append("export ").append(user.tokenVariable()).append('=').append(token(user)).append('\n');
        }
        try {
            PrivateFiles.write(file, sb);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
