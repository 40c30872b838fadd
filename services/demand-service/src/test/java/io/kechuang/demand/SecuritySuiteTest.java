package io.kechuang.demand;

import io.kechuang.testing.security.ListingFixtures;
import io.kechuang.testing.security.SecuritySuite;
import io.kechuang.testing.security.SecurityTable;
import io.kechuang.testing.security.SecurityWorld;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URL;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * The security suite (security/demand-service.csv): every operation of this service's OpenAPI document, as every
 * role, against demands owned by another organisation; bad values for every parameter; malformed bodies.
 */
@QuarkusTest
class SecuritySuiteTest {

    private static final String SERVICE = "demand-service";
    /**
     * Known findings not enforced yet (see SecuritySuite#knownFinding): a 414 from the HTTP server is not problem+json,
     * and boolean query parameters take any word as false. Run them with -Dkechuang.security.skip-pending= (empty).
     */
    private static final String PENDING = "uri-too-long,lax-boolean";

    @TestHTTPResource("/")
    URL base;

    @TestFactory
    Stream<DynamicNode> everyOperationAsEveryRole() throws Exception {
        URI uri = base.toURI();
        SecurityWorld world = new SecurityWorld();
        ListingFixtures demands = new ListingFixtures(uri, DemandApi.DEMANDS, world.token("enterprise"),
                world.token("admin"), SecurityTable.load(SERVICE).body("demand"), world.vars(), "open",
                "open");
        return SecuritySuite.forService(SERVICE, uri).tokens(world).vars(world.vars()).fixtures(demands)
                .skipPending(PENDING).tests();
    }
}
