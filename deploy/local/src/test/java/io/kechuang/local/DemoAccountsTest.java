package io.kechuang.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.kechuang.local.DemoAccounts.AdminPassword;
import io.kechuang.local.DemoAccounts.DemoCredentials;
import io.kechuang.local.GatewayClient.GatewayToken;

/** What the launcher keeps for the demo accounts, without a platform: the gateway's side is in LocalPlatformTest. */
class DemoAccountsTest {

    @TempDir
    Path root;

    @Test
    void theAdministratorPasswordIsMadeOnceAndKeptPrivate() throws Exception {
        Layout layout = new Layout(root);
        AdminPassword first = DemoAccounts.adminPassword(layout);
        assertTrue(first.madeNow());
        assertTrue(first.value().length() >= 20, "a strong random password");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(layout.adminPassword())));

        AdminPassword again = DemoAccounts.adminPassword(layout);
        assertFalse(again.madeNow());
        assertEquals(first.value(), again.value());
        assertFalse(first.toString().contains(first.value()), "never in a log line");

        assertNotEquals(first.value(), DemoAccounts.adminPassword(new Layout(root.resolve("other"))).value());
    }

    @Test
    void tokensEnvExportsEveryTokenOrganisationAndTheDemoCredentials() throws Exception {
        Instant expires = Instant.now().plusSeconds(900);
        Map<DemoUser, GatewayToken> byUser = new EnumMap<>(DemoUser.class);
        for (DemoUser user : DemoUser.values()) {
            byUser.put(user, new GatewayToken("token-of-" + user.subject(), expires));
        }
        PlatformTokens tokens = new PlatformTokens(byUser, Instant.now());
        Path env = root.resolve("tokens.env");
        tokens.writeEnvFile(env, URI.create("http://localhost:8080"), new DemoCredentials("admin-pw", "partner-secret"));

        List<String> lines = Files.readAllLines(env);
        for (DemoUser user : DemoUser.values()) {
            assertTrue(lines.contains("export " + user.tokenVariable() + "=token-of-" + user.subject()), user.name());
            assertTrue(lines.contains("export " + user.orgVariable() + "=" + user.orgId()), user.name());
        }
        assertTrue(lines.containsAll(List.of("export GATEWAY=http://localhost:8080",
                "export DEMO_PASSWORD=" + DemoUser.DEMO_PASSWORD, "export ADMIN_PASSWORD=admin-pw",
                "export PARTNER_CLIENT_ID=demo-partner-portal", "export PARTNER_CLIENT_SECRET=partner-secret")), lines::toString);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(env)));
        assertEquals(expires, tokens.expiresAt());
    }

    @Test
    void demoAccountsAreNamedByRoleOrByUsername() {
        assertEquals(Optional.of(DemoUser.UNIVERSITY), DemoUser.parse("university"));
        assertEquals(Optional.of(DemoUser.BROKER), DemoUser.parse("BROKER"));
        assertEquals(Optional.of(DemoUser.PARTNER), DemoUser.parse("demo-partner-portal"));
        assertEquals(Optional.of(DemoUser.ADMIN), DemoUser.parse("admin"));
        assertEquals(Optional.empty(), DemoUser.parse("nobody"));
    }
}
