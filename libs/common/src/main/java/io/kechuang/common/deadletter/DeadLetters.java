package io.kechuang.common.deadletter;

import com.fasterxml.jackson.databind.JsonNode;
import io.kechuang.common.consumer.DeadLetterQueue;
import io.kechuang.common.kafka.KafkaSettings;
import io.kechuang.common.paging.Page;
import io.kechuang.common.paging.PageRequest;
import io.kechuang.common.problem.ProblemException;
import io.kechuang.events.EventEnvelope;
import io.kechuang.events.EventJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.jboss.logging.Logger;

/**
 * Lists and replays the service's dead letters ({@link DeadLetterReplayer} names the topic and the consumers).
 * <ul>
 * <li><b>List</b>: newest first, partition by partition; a page reads only its own records from Kafka.</li>
 * <li><b>Replay</b>: the record goes back, as the consumer read it (original topic, partition, offset, key, value,
 * headers), through that consumer's own handler, on the caller's thread; the handlers are idempotent by version, so a
 * replay of an event that was applied since, or superseded, changes nothing. The replay is audited before and after
 * ({@link ReplayAudit}). A replay that fails reports the handler's error; the dead letter stays, and no new one is
 * written.</li>
 * <li><b>Replay all</b>: oldest first, every dead letter that no replay has applied yet, up to a limit per call.</li>
 * </ul>
 */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    /** Records read from Kafka at a time by a replay of all. */
    static final int CHUNK = 100;
    /** Replays shown with each dead letter. */
    private static final int REPLAYS_SHOWN = 20;
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(10);

    @Inject
    Instance<DeadLetterReplayer> replayers;

    @Inject
    KafkaSettings kafka;

    @Inject
    ReplayAudit audit;

    /** The service's dead letters, newest first. */
    public Page<DeadLetterView> list(PageRequest page) {
        String topic = replayer().topic();
        try (DeadLetterTopic dlq = open(topic)) {
            List<DeadLetterTopic.Range> ranges = dlq.ranges();
            long total = ranges.stream().mapToLong(DeadLetterTopic.Range::size).sum();
            long skip = (long) page.page * page.size;
            int wanted = page.size;
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            for (DeadLetterTopic.Range range : ranges) {
                if (wanted == 0) {
                    break;
                }
                if (skip >= range.size()) {
                    skip -= range.size();
                    continue;
                }
                long to = range.end() - skip;
                long from = Math.max(range.begin(), to - wanted);
                List<ConsumerRecord<byte[], byte[]>> newestFirst = new ArrayList<>(dlq.read(range.partition(), from, to));
                Collections.reverse(newestFirst);
                records.addAll(newestFirst);
                wanted -= (int) (to - from);
                skip = 0;
            }
            return Page.of(views(topic, records), page, total);
        }
    }

    /** One dead letter, if the topic still keeps it. */
    public Optional<DeadLetterView> get(DeadLetterId id) {
        String topic = replayer().topic();
        try (DeadLetterTopic dlq = open(topic)) {
            return dlq.at(id).map(record -> views(topic, List.of(record)).getFirst());
        }
    }

    /**
     * Replays one dead letter into its consumer, audited.
     *
     * @throws ProblemException 404 if the topic does not keep it; 409 if it does not say where it came from
     */
    public ReplayView replay(DeadLetterId id, String replayedBy) {
        String topic = replayer().topic();
        ConsumerRecord<byte[], byte[]> record;
        try (DeadLetterTopic dlq = open(topic)) {
            record = dlq.at(id).orElseThrow(() -> ProblemException.notFound("Dead letter", id));
        }
        return replay(topic, record, replayedBy);
    }

    /** Replays, oldest first, every dead letter that no replay has applied yet; at most {@code limit} of them. */
    public ReplayAllResult replayAll(int limit, String replayedBy) {
        String topic = replayer().topic();
        List<ReplayView> done = new ArrayList<>();
        boolean[] more = {false};
        try (DeadLetterTopic dlq = open(topic)) {
            dlq.forEachChunk(CHUNK, chunk -> {
                Map<DeadLetterId, List<ReplayView>> replays = audit.of(topic, chunk.stream().map(DeadLetters::id).toList());
                for (ConsumerRecord<byte[], byte[]> record : chunk) {
                    if (replays.getOrDefault(id(record), List.of()).stream().anyMatch(ReplayView::applied)
                            || header(record, DeadLetterQueue.ORIGINAL_TOPIC) == null) {
                        continue;
                    }
                    if (done.size() == limit) {
                        more[0] = true;
                        return false;
                    }
                    done.add(replay(topic, record, replayedBy));
                }
                return true;
            });
        }
        int applied = (int) done.stream().filter(ReplayView::applied).count();
        return new ReplayAllResult(done.size(), applied, done.size() - applied, more[0], done);
    }

    private ReplayView replay(String topic, ConsumerRecord<byte[], byte[]> record, String replayedBy) {
        DeadLetterId id = id(record);
        String originalTopic = header(record, DeadLetterQueue.ORIGINAL_TOPIC);
        if (originalTopic == null) {
            throw ProblemException.conflict("Dead letter " + id + " does not say which topic it came from",
                    Map.of("deadLetter", id.toString()));
        }
        String consumer = consumer(record, originalTopic);
        ReplayView started = audit.start(topic, id, consumer, replayedBy);
        try {
            replayer().replay(consumer, original(record, originalTopic));
        } catch (Exception e) {
            LOG.warnf("Replay of dead letter %s/%s into %s by %s failed: %s", topic, id, consumer, replayedBy,
                    e.toString());
            return audit.finish(started, ReplayView.FAILED, describe(e));
        }
        LOG.infof("Dead letter %s/%s replayed into %s by %s", topic, id, consumer, replayedBy);
        return audit.finish(started, ReplayView.APPLIED, null);
    }

    private List<DeadLetterView> views(String topic, List<ConsumerRecord<byte[], byte[]>> records) {
        Map<DeadLetterId, List<ReplayView>> replays = audit.of(topic, records.stream().map(DeadLetters::id).toList());
        return records.stream().map(r -> view(topic, r, replays.getOrDefault(id(r), List.of()))).toList();
    }

    private DeadLetterView view(String topic, ConsumerRecord<byte[], byte[]> record, List<ReplayView> replays) {
        String originalTopic = header(record, DeadLetterQueue.ORIGINAL_TOPIC);
        EventEnvelope<JsonNode> envelope = envelope(record);
        Optional<ReplayView> lastApplied = replays.stream().filter(ReplayView::applied).findFirst();
        return new DeadLetterView(id(record).toString(), topic,
                originalTopic == null ? header(record, DeadLetterQueue.CONSUMER) : consumer(record, originalTopic),
                originalTopic, number(header(record, DeadLetterQueue.ORIGINAL_PARTITION), Integer::valueOf),
                number(header(record, DeadLetterQueue.ORIGINAL_OFFSET), Long::valueOf),
                record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8),
                header(record, DeadLetterQueue.ERROR), number(header(record, DeadLetterQueue.ATTEMPTS), Integer::valueOf),
                Instant.ofEpochMilli(record.timestamp()).atOffset(ZoneOffset.UTC),
                envelope == null ? null : envelope.type(),
                envelope == null || envelope.id() == null ? null : envelope.id().toString(),
                lastApplied.isPresent(), lastApplied.map(ReplayView::replayedAt).orElse(null),
                lastApplied.map(ReplayView::replayedBy).orElse(null),
                replays.subList(0, Math.min(REPLAYS_SHOWN, replays.size())));
    }

    /** The record as its consumer read it: its original place, without the dead-letter headers. */
    private static ConsumerRecord<byte[], byte[]> original(ConsumerRecord<byte[], byte[]> record, String topic) {
        RecordHeaders headers = new RecordHeaders();
        for (Header h : record.headers()) {
            if (!h.key().startsWith("dlq-")) {
                headers.add(h);
            }
        }
        Integer partition = number(header(record, DeadLetterQueue.ORIGINAL_PARTITION), Integer::valueOf);
        Long offset = number(header(record, DeadLetterQueue.ORIGINAL_OFFSET), Long::valueOf);
        return new ConsumerRecord<>(topic, partition == null ? 0 : partition, offset == null ? -1 : offset,
                record.timestamp(), TimestampType.CREATE_TIME, record.serializedKeySize(),
                record.serializedValueSize(), record.key(), record.value(), headers, Optional.empty());
    }

    private String consumer(ConsumerRecord<byte[], byte[]> record, String originalTopic) {
        String named = header(record, DeadLetterQueue.CONSUMER);
        return named != null ? named : replayer().consumerOf(originalTopic);
    }

    private static EventEnvelope<JsonNode> envelope(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            return null;
        }
        try {
            return EventJson.read(new String(record.value(), StandardCharsets.UTF_8), JsonNode.class);
        } catch (RuntimeException e) {
            return null; // not an event: that may be why it is here
        }
    }

    static DeadLetterId id(ConsumerRecord<?, ?> record) {
        return new DeadLetterId(record.partition(), record.offset());
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static <N> N number(String text, java.util.function.Function<String, N> parse) {
        try {
            return text == null ? null : parse.apply(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String describe(Throwable e) {
        String message = e.getClass().getSimpleName() + ": " + e.getMessage();
        return message.length() > 2000 ? message.substring(0, 2000) : message;
    }

    private DeadLetterTopic open(String topic) {
        return new DeadLetterTopic(kafka.consumer(), topic, KAFKA_TIMEOUT);
    }

    private DeadLetterReplayer replayer() {
        if (!replayers.isResolvable()) {
            throw new IllegalStateException("This service declares no DeadLetterReplayer (one, and only one)");
        }
        return replayers.get();
    }
}
