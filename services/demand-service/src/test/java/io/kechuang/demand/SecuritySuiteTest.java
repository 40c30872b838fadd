package io.kechuang.demand;

import io.kechuang.events.Topics;
import io.kechuang.listing.match.MatchEventsConfig;
import io.kechuang.testing.MatchEvents;
import io.kechuang.testing.security.ConsentFixtures;
import io.kechuang.testing.security.DeadLetterFixtures;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * The security suite (security/demand-service.csv): every operation of this service's OpenAPI document, as every
 * role, against demands owned by another organisation (the consent and NDA operations against ones with a match
 * assigned to the suite's broker, ConsentFixtures); bad values for every parameter; malformed bodies.
 */
@QuarkusTest
class SecuritySuiteTest {

    /** Rows and known findings not enforced yet (see SecuritySuite#knownFinding): none; every row is enforced. */
    private static final String PENDING = "";

    @TestHTTPResource("/")
    URL base;

    @Inject
    MatchEventsConfig consumer;

    /** Publishes the consent fixtures' matches; open while the dynamic tests run, which make fixtures too. */
    private MatchEvents matches;

    @TestFactory
    Stream<DynamicNode> everyOperationAsEveryRole() throws Exception {
        matches = MatchEvents.open(kafka(), consumer.group());
        return ConsentFixtures.suite("demand-service", base.toURI(), DemandApi.DEMANDS, ConsentFixtures.Side.DEMAND,
                "demand", "open", "open", matches)
                .fixture("dead-letter", new DeadLetterFixtures(kafka(), consumer.deadLetterTopic(),
                        Topics.MATCHES, "demand-service-matches", DemandApi.DEMANDS))
                .skipPending(PENDING).tests();
    }

    private static String kafka() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    @AfterEach
    void disconnect() {
        if (matches != null) {
            matches.close();
        }
    }
}
