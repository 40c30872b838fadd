package io.kechuang.matching.deadletter;

import io.kechuang.common.deadletter.DeadLetterReplayer;
import io.kechuang.common.kafka.KafkaSettings;
import io.kechuang.events.Topics;
import io.kechuang.matching.MatchingEngine;
import io.kechuang.matching.consumer.MatchGroupConsumer;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The matching service's {@link DeadLetterReplayer}: {@code matching.dlq} holds the dead letters of the indexer
 * ({@code matching-indexer}), of the replay reader ({@value IndexReplays#CLIENT_ID}), of the identity directory
 * ({@code matching-identity}) and of the scale-out match group ({@code matching-group}). See the package overview for
 * where each replay goes.
 */
@ApplicationScoped
public class MatchingDeadLetters implements DeadLetterReplayer {

    public static final String INDEXER = "matching-indexer";
    public static final String IDENTITY = "matching-identity";
    public static final String GROUP = "matching-group";

    @Inject
    MatchingEngine engine;

    @Inject
    KafkaSettings kafka;

    private volatile Producer<byte[], byte[]> producer;

    @Override
    public String topic() {
        return Topics.MATCHING_DLQ_SPEC.name();
    }

    @Override
    public String consumerOf(String originalTopic) {
        return switch (originalTopic) {
            case Topics.IDENTITY -> IDENTITY;
            case Topics.MATCHING_REPLAY -> IndexReplays.CLIENT_ID;
            default -> INDEXER;
        };
    }

    @Override
    public void replay(String consumer, ConsumerRecord<byte[], byte[]> original) throws Exception {
        switch (family(consumer)) {
            case IDENTITY -> engine.identity().replay(original);
            case GROUP -> {
                MatchGroupConsumer group = engine.matchGroup();
                if (group == null) {
                    throw new IllegalStateException("This replica runs no match group (kechuang.matching.match-group)");
                }
                group.replay(original);
            }
            case INDEXER -> toEveryIndex(original);
            case IndexReplays.CLIENT_ID -> toEveryIndex(IndexReplays.unwrap(original));
            default -> throw new IllegalArgumentException("No consumer " + consumer + " in the matching service");
        }
    }

    /**
     * The indexer and the match group run one loop per topic, each named after its family ({@code
     * matching-indexer-demands}, {@code matching-group-achievements}); a dead letter goes back to its family's handler,
     * which hands it to the loop of its topic. Dead letters written before the loops were split name the family alone.
     */
    static String family(String consumer) {
        for (String family : new String[] {INDEXER, GROUP}) {
            if (consumer.equals(family) || consumer.startsWith(family + "-")) {
                return family;
            }
        }
        return consumer;
    }

    /**
     * This replica's index first, so the answer says whether the handler takes the record now; then, only if it did,
     * every replica's (this one's included, which then finds nothing newer) through {@code matching.replay}.
     */
    private void toEveryIndex(ConsumerRecord<byte[], byte[]> original) throws Exception {
        engine.consumer().replay(original);
        producer().send(IndexReplays.wrap(Topics.MATCHING_REPLAY, original)).get(30, TimeUnit.SECONDS);
    }

    private Producer<byte[], byte[]> producer() {
        Producer<byte[], byte[]> p = producer;
        if (p == null) {
            synchronized (this) {
                if (producer == null) {
                    producer = new KafkaProducer<>(kafka.idempotentProducer("matching-replay-publisher"),
                            new ByteArraySerializer(), new ByteArraySerializer());
                }
                p = producer;
            }
        }
        return p;
    }

    void stop(@Observes ShutdownEvent event) {
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(5));
        }
    }
}
