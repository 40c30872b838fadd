package io.kechuang.gateway;

import io.kechuang.testing.security.SecuritySuite;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * The security suite of the gateway's own operations (security/gateway.csv): sign-in, the key set, the admin API, as
 * every role with tokens the gateway issued; bad values for every parameter; malformed bodies. The services'
 * operations behind it run in each service's own SecuritySuiteTest; {@link PlatformSecurityCoverageTest} checks that
 * together they cover the whole platform document.
 */
@QuarkusTest
class SecuritySuiteTest {

    /** Rows and known findings not enforced yet (see SecuritySuite#knownFinding): none; every row is enforced. */
    private static final String PENDING = "";

    @TestHTTPResource("/")
    URL base;

    @TestFactory
    Stream<DynamicNode> everyOperationAsEveryRole() throws Exception {
        GatewaySecurityWorld world = new GatewaySecurityWorld();
        return SecuritySuite.forService("gateway", base.toURI()).tokens(world).vars(world.vars()).fixtures(world)
                .skipPending(PENDING).tests();
    }
}
