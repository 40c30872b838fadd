package io.kechuang.listing;

import io.kechuang.common.kafka.KafkaSettings;
import io.kechuang.common.kafka.TopicReplay;
import io.kechuang.common.outbox.Outbox;
import io.kechuang.common.paging.Page;
import io.kechuang.common.paging.PageRequest;
import io.kechuang.common.problem.ProblemException;
import io.kechuang.common.security.Caller;
import io.kechuang.events.EventEnvelope;
import io.kechuang.events.EventJson;
import io.kechuang.events.Revision;
import io.kechuang.listing.match.MatchEventsConsumer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Brings every consumer of a listing service back in line with its database after the database was rolled back: a
 * crash that lost commits, or a restore from a backup. Kafka may then hold events of versions the database no longer
 * has, and later changes reuse those version numbers, so consumers skip them as already applied.
 * <p>
 * A resync, started by an admin and run in the background:
 * <ol>
 * <li>moves the service to a new {@linkplain EventEpoch event epoch}; from then on every event of the service, the
 * republished ones and every later change, is newer than anything consumed before, whatever its version;</li>
 * <li>replays {@code matches.v1} from its beginning ({@link MatchEventsConsumer#replayAll}), because the rolled-back
 * database also lost what it had recorded of its listings' matches (who was introduced, which listing went into
 * negotiation), while the consumer group's offsets are past those events;</li>
 * <li>reads its own compacted topic to learn every key Kafka knows, with the last version seen;</li>
 * <li>republishes every listing that is not a draft, with its full public state, as a {@code resynced} event;</li>
 * <li>announces as {@code removed} (no data) every key on the topic that the database no longer has on the market: a
 * listing that is gone, or a draft again. Consumers drop it; the matching service expires its suggestions.</li>
 * </ol>
 * Why an epoch rather than a resync event that consumers apply over their version check: the version check stays the
 * one rule every consumer applies, for every event, in every replay. An unconditional event would have to be handled
 * apart in every consumer, and a duplicate of it delivered late (an at-least-once relay, a consumer restarting before
 * its offset commit) would roll that consumer back to the resync's state. With epochs, the old history is simply
 * older, forever, and a rebuild from the topic still ends where the database is.
 * <p>
 * Normal writes go on during a resync. One resync runs at a time per service; one whose process died is marked
 * {@code ABANDONED} when its heartbeat stops, and running another is safe (it just starts a newer epoch).
 */
@ApplicationScoped
public class ListingResync {

    private static final Logger LOG = Logger.getLogger(ListingResync.class);
    private static final int BATCH = 200;
    private static final Duration STALE = Duration.ofMinutes(2);
    private static final Duration TOPIC_TIMEOUT = Duration.ofMinutes(10);

    @Inject
    EntityManager em;

    @Inject
    EventEpoch epochs;

    @Inject
    Outbox outbox;

    @Inject
    KafkaSettings kafka;

    @Inject
    MatchEventsConsumer matchEvents;

    @ConfigProperty(name = "quarkus.application.name", defaultValue = "kechuang")
    String applicationName;

    private final ExecutorService worker = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("listing-resync").daemon().factory());
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("listing-resync-heartbeat").daemon().factory());

    @PreDestroy
    void stop() {
        worker.shutdownNow();
        heartbeat.shutdownNow();
    }

    /** Starts a resync of {@code service}'s listings in the background; 409 while another one runs. */
    public <E extends Listing> ResyncRun start(ListingService<E, ?, ?, ?> service, Caller caller) {
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            abandonStale();
            // Serialises concurrent starts across replicas: the epoch row is locked until this transaction ends.
            long epoch = epochs.advance(Instant.now());
            List<?> running = em.createNativeQuery("select id from resync_run where status = 'RUNNING'").getResultList();
            if (!running.isEmpty()) {
                throw ProblemException.conflict("A resync is already running; follow it, then start another if needed",
                        Map.of("running", running.get(0).toString()));
            }
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            em.createNativeQuery("insert into resync_run (id, epoch, status, requested_by, started_at, heartbeat_at) "
                            + "values (?1, ?2, 'RUNNING', ?3, ?4, ?4)")
                    .setParameter(1, id).setParameter(2, epoch).setParameter(3, caller.subject()).setParameter(4, now)
                    .executeUpdate();
        });
        LOG.infof("Resync %s of %s started by %s", id, service.resource(), caller.subject());
        worker.submit(() -> run(service, id));
        return find(id).orElseThrow();
    }

    public java.util.Optional<ResyncRun> find(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(SELECT + " where id = ?1")
                .setParameter(1, id).getResultList().stream().map(r -> toRun((Object[]) r)).findFirst());
    }

    /** The service's resyncs, newest first. */
    public Page<ResyncRun> list(PageRequest page) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<?> rows = em.createNativeQuery(SELECT + " order by started_at desc, id")
                    .setFirstResult(page.offset()).setMaxResults(page.size).getResultList();
            long total = ((Number) em.createNativeQuery("select count(*) from resync_run").getSingleResult()).longValue();
            return Page.of(rows.stream().map(r -> toRun((Object[]) r)).toList(), page, total);
        });
    }

    private <E extends Listing> void run(ListingService<E, ?, ?, ?> service, UUID id) {
        long started = System.nanoTime();
        // Shows that the run is alive even while one long step (reading a big topic) updates no count.
        ScheduledFuture<?> beat = heartbeat.scheduleWithFixedDelay(() -> beat(id),
                30, 30, TimeUnit.SECONDS);
        try {
            long epoch = find(id).orElseThrow().epoch();
            long matches = matchEvents.replayAll(TOPIC_TIMEOUT);
            update(id, "match_events_applied = ?2", matches);

            Map<UUID, Long> onTopic = new HashMap<>();
            long read = TopicReplay.read(kafka.consumer(), service.events().topic(), applicationName + "-resync", TOPIC_TIMEOUT,
                    record -> lastVersion(record.key(), record.value(), onTopic));
            update(id, "topic_records_read = ?2", read);

            long republished = republish(service, id, epoch, onTopic);
            long removed = announceRemovals(service, id, epoch, onTopic);
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update resync_run set status = 'DONE', "
                    + "finished_at = now(), heartbeat_at = now() where id = ?1").setParameter(1, id).executeUpdate());
            LOG.infof("Resync %s of %s done in %d ms: epoch %d, %d match events applied, %d records read, "
                    + "%d listings republished, %d removed", id, service.resource(),
                    Duration.ofNanos(System.nanoTime() - started).toMillis(), epoch, matches, read, republished, removed);
        } catch (RuntimeException | Error e) {
            LOG.errorf(e, "Resync %s of %s failed", id, service.resource());
            String reason = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            try {
                QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update resync_run set status = "
                        + "'FAILED', finished_at = now(), error = ?2 where id = ?1").setParameter(1, id)
                        .setParameter(2, reason.length() > 500 ? reason.substring(0, 500) : reason).executeUpdate());
            } catch (RuntimeException stillDown) {
                LOG.warnf("Resync %s could not record its failure (%s); it will show as ABANDONED", id, stillDown);
            }
        } finally {
            beat.cancel(false);
        }
    }

    /** Keeps, per key, the last version seen; a malformed record says nothing about the key and is skipped. */
    private static void lastVersion(byte[] key, byte[] value, Map<UUID, Long> onTopic) {
        if (key == null) {
            return;
        }
        try {
            UUID id = UUID.fromString(new String(key, StandardCharsets.UTF_8));
            long version = value == null ? 0 : EventJson.read(new String(value, StandardCharsets.UTF_8), Object.class)
                    .aggregateVersion();
            onTopic.merge(id, version, Math::max);
        } catch (RuntimeException notAListingEvent) {
            LOG.debugf("Resync skips a record it cannot read: %s", notAListingEvent.toString());
        }
    }

    /** Every listing that is not a draft, in id order, a batch per transaction; each one leaves {@code onTopic}. */
    private <E extends Listing> long republish(ListingService<E, ?, ?, ?> service, UUID run, long epoch,
            Map<UUID, Long> onTopic) {
        String jpql = QuarkusTransaction.requiringNew().call(() -> "from "
                + em.getMetamodel().entity(service.entity()).getName() + " where id > :after order by id");
        UUID after = new UUID(0, 0); // PostgreSQL orders uuids as unsigned bytes: the nil uuid comes first
        long republished = 0;
        while (true) {
            UUID from = after;
            Batch batch = QuarkusTransaction.requiringNew().call(() -> {
                List<E> listings = em.createQuery(jpql, service.entity()).setParameter("after", from)
                        .setMaxResults(BATCH).getResultList();
                List<UUID> sent = new ArrayList<>();
                for (E listing : listings) {
                    if (!service.isDraft(listing)) {
                        // Locked so that a concurrent change commits wholly before or after this event.
                        em.refresh(listing, LockModeType.PESSIMISTIC_READ);
                        emit(service, service.events().resynced(), listing.id, new Revision(epoch, listing.version),
                                service.state(listing));
                        sent.add(listing.id);
                    }
                }
                return new Batch(listings.isEmpty() ? null : listings.get(listings.size() - 1).id, sent);
            });
            if (batch.last() == null) {
                return republished;
            }
            batch.republished().forEach(onTopic::remove);
            republished += batch.republished().size();
            after = batch.last();
            update(run, "republished = ?2", republished);
        }
    }

    /** One batch of {@link #republish}: its last id (null when there was none) and the ids it republished. */
    private record Batch(UUID last, List<UUID> republished) {
    }

    /** Keys Kafka knows that are not on the market here, checked again one by one under a lock. */
    private <E extends Listing> long announceRemovals(ListingService<E, ?, ?, ?> service, UUID run, long epoch,
            Map<UUID, Long> onTopic) {
        long removed = 0;
        List<Map.Entry<UUID, Long>> keys = List.copyOf(onTopic.entrySet());
        for (int i = 0; i < keys.size(); i += BATCH) {
            List<Map.Entry<UUID, Long>> batch = keys.subList(i, Math.min(keys.size(), i + BATCH));
            removed += QuarkusTransaction.requiringNew().call(() -> {
                int n = 0;
                for (Map.Entry<UUID, Long> key : batch) {
                    E listing = em.find(service.entity(), key.getKey(), LockModeType.PESSIMISTIC_READ);
                    if (listing == null) {
                        emit(service, service.events().removed(), key.getKey(), new Revision(epoch, key.getValue()), null);
                        n++;
                    } else if (service.isDraft(listing)) {
                        // Its version, so that publishing it again (a higher version in this epoch) is newer.
                        emit(service, service.events().removed(), key.getKey(), new Revision(epoch, listing.version), null);
                        n++;
                    }
                    // Otherwise it was created or left its draft during the resync: its own event is in this epoch.
                }
                return n;
            });
            update(run, "removed = ?2", removed);
        }
        return removed;
    }

    private void emit(ListingService<?, ?, ?, ?> service, String eventType, UUID id, Revision revision, Object state) {
        outbox.append(service.events().topic(), eventType, id.toString(), revision, state);
    }

    private void update(UUID run, String set, long value) {
        try {
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update resync_run set " + set
                    + ", heartbeat_at = now() where id = ?1").setParameter(1, run).setParameter(2, value).executeUpdate());
        } catch (RuntimeException e) {
            LOG.warnf("Resync %s: progress not recorded (%s)", run, e.toString());
        }
    }

    private void beat(UUID run) {
        try {
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                    "update resync_run set heartbeat_at = now() where id = ?1").setParameter(1, run).executeUpdate());
        } catch (RuntimeException e) {
            LOG.debugf("Resync %s: heartbeat not recorded (%s)", run, e.toString());
        }
    }

    private void abandonStale() {
        em.createNativeQuery("update resync_run set status = 'ABANDONED', finished_at = now() where status = "
                + "'RUNNING' and heartbeat_at < ?1").setParameter(1, OffsetDateTime.now(ZoneOffset.UTC).minus(STALE))
                .executeUpdate();
    }

    /** A run whose heartbeat stopped (its process died) reads as ABANDONED before {@link #start} records it so. */
    private static final String SELECT = "select id, epoch, case when status = 'RUNNING' and heartbeat_at < now() - "
            + "interval '" + STALE.toSeconds() + " seconds' then 'ABANDONED' else status end, requested_by, started_at, finished_at, "
            + "match_events_applied, topic_records_read, republished, removed, error from resync_run";

    private static ResyncRun toRun(Object[] r) {
        return new ResyncRun((UUID) r[0], ((Number) r[1]).longValue(), ResyncRun.Status.valueOf((String) r[2]),
                (String) r[3], offset(r[4]), offset(r[5]), ((Number) r[6]).longValue(), ((Number) r[7]).longValue(),
                ((Number) r[8]).longValue(), ((Number) r[9]).longValue(), (String) r[10]);
    }

    private static OffsetDateTime offset(Object value) {
        return switch (value) {
            case null -> null;
            case OffsetDateTime o -> o;
            case Instant i -> i.atOffset(ZoneOffset.UTC);
            case java.sql.Timestamp t -> t.toInstant().atOffset(ZoneOffset.UTC);
            default -> throw new IllegalStateException("unexpected timestamp type " + value.getClass());
        };
    }
}
