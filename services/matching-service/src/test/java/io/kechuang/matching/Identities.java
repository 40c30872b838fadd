package io.kechuang.matching;

import static org.awaitility.Awaitility.await;

import io.kechuang.events.identity.OrganisationState;
import io.kechuang.events.identity.UserState;
import io.kechuang.events.taxonomy.OrgType;
import io.kechuang.matching.directory.Directory;
import io.kechuang.testing.IdentityEvents;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Publishes organisations and users on {@code identity.v1} the way the gateway does, and waits until the service's
 * directory consumer has applied them: tests make their brokers known this way, never by writing the tables.
 * <p>
 * A user's id is derived from its subject and organisation, so a test that names the same broker again updates it;
 * versions come from one counter, so every publication is newer than the one before.
 */
public final class Identities implements AutoCloseable {

    private static final AtomicLong VERSIONS = new AtomicLong(System.currentTimeMillis());
    private static final Duration APPLIED_WITHIN = Duration.ofSeconds(30);

    private final IdentityEvents events;
    private final Directory directory;

    public Identities(Directory directory) {
        this(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class), directory);
    }

    public Identities(String bootstrapServers, Directory directory) {
        this.events = new IdentityEvents(bootstrapServers);
        this.directory = directory;
    }

    /** The id the directory knows a test user by. */
    public static UUID userId(String subject, UUID organisation) {
        return UUID.nameUUIDFromBytes((subject + "@" + organisation).getBytes(StandardCharsets.UTF_8));
    }

    /** An enabled brokerage, applied. */
    public OrganisationState brokerage(UUID id, String name) {
        return organisation(new OrganisationState(id, name, OrgType.BROKERAGE, "510100", true, next(), now()));
    }

    /** An enabled broker (not a lead) of {@code organisation}, applied. */
    public UserState broker(String subject, UUID organisation, String displayName) {
        return user(subject, organisation, displayName, Set.of("BROKER"), false, true);
    }

    /** An enabled lead of the brokerage {@code organisation}, applied. */
    public UserState lead(String subject, UUID organisation, String displayName) {
        return user(subject, organisation, displayName, Set.of("BROKER"), true, true);
    }

    /** A user in the given state, applied. */
    public UserState user(String subject, UUID organisation, String displayName, Set<String> roles, boolean lead,
            boolean enabled) {
        return user(new UserState(userId(subject, organisation), subject, organisation, displayName, roles, lead, enabled,
                next(), now()));
    }

    /** Publishes the organisation at its version and waits until the directory holds that version or a newer one. */
    public OrganisationState organisation(OrganisationState o) {
        publish(o);
        await().atMost(APPLIED_WITHIN).until(() -> directory.organisation(o.id())
                .map(held -> held.version >= o.version()).orElse(false));
        return o;
    }

    /** Publishes the user at its version and waits until the directory holds that version or a newer one. */
    public UserState user(UserState u) {
        publish(u);
        await().atMost(APPLIED_WITHIN).until(() -> directory.user(u.subject())
                .map(held -> held.id.equals(u.id()) && held.version >= u.version()).orElse(false));
        return u;
    }

    /** Publishes without waiting (for tests of the consumer itself). */
    public RecordMetadata publish(OrganisationState o) {
        return events.publish(o);
    }

    public RecordMetadata publish(UserState u) {
        return events.publish(u);
    }

    public RecordMetadata send(String key, String value) {
        return events.send(key, value);
    }

    /** A version newer than every one published before in this JVM. */
    public static long next() {
        return VERSIONS.incrementAndGet();
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    @Override
    public void close() {
        events.close();
    }
}
