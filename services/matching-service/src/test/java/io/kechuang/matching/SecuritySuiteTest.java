package io.kechuang.matching;

import static org.awaitility.Awaitility.await;

import io.kechuang.testing.security.SecuritySuite;
import io.kechuang.testing.security.SecurityWorld;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * The security suite (security/matching-service.csv): every operation of this service's OpenAPI document, as every
 * role, against matches between other organisations assigned to broker B; bad values for every parameter; malformed
 * bodies. The broker's lead is announced on identity.v1 first.
 *
 * <p>Rows tagged {@code authority} state issue 26's broker authority (the assigned broker, a lead of its brokerage
 * or an admin act; other brokers 403), which this service does not implement yet: they are skipped unless
 * {@code -Dkechuang.security.skip-pending=} (empty, or naming only what is still pending) is given. Remove
 * {@code authority} from the default below once it does.
 */
@QuarkusTest
class SecuritySuiteTest {

    /**
     * Not enforced yet: the table's rows tagged {@code authority}, and two known findings (see
     * SecuritySuite#knownFinding): a 414 from the HTTP server is not problem+json, and boolean query parameters take
     * any word as false.
     */
    private static final String PENDING = "authority,uri-too-long,lax-boolean";

    @Inject
    MatchingEngine engine;

    @TestHTTPResource("/")
    URL base;

    private static Events events;

    @TestFactory
    Stream<DynamicNode> everyOperationAsEveryRole() throws Exception {
        String kafka = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> engine.consumer().assigned());
        SecurityWorld world = new SecurityWorld();
        world.publishIdentity(kafka);
        events = new Events(kafka);
        return SecuritySuite.forService("matching-service", base.toURI()).tokens(world).vars(world.vars())
                .fixtures(new MatchingSecurityFixtures(world, events)).skipPending(PENDING).tests();
    }

    @AfterAll
    static void close() {
        if (events != null) {
            events.close();
        }
    }
}
