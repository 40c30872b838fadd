package io.kechuang.achievement;

import io.kechuang.testing.security.ListingFixtures;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * The security suite (security/achievement-service.csv): every operation of this service's OpenAPI document, as every
 * role, against achievements owned by another organisation; bad values for every parameter; malformed bodies.
 */
@QuarkusTest
class SecuritySuiteTest {

    /** Rows and known findings not enforced yet (see SecuritySuite#knownFinding): none; every row is enforced. */
    private static final String PENDING = "";

    @TestHTTPResource("/")
    URL base;

    @TestFactory
    Stream<DynamicNode> everyOperationAsEveryRole() throws Exception {
        return ListingFixtures.suite("achievement-service", base.toURI(), AchievementApi.ACHIEVEMENTS, "university",
                "achievement", "publish", "published").skipPending(PENDING).tests();
    }
}
