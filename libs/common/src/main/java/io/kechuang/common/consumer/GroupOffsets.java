package io.kechuang.common.consumer;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * A {@link ConsumerLoop} as a member of a consumer group, so replicas of a service share the partitions: it waits for
 * the topics to exist (their producers create them), subscribes, and commits the offsets of what was handled to
 * Kafka after each batch, when partitions move to another member, and at the end of a session. A group that has never
 * committed starts at the earliest retained record.
 * <p>
 * A commit that times out or meets an unreachable broker is retried by the loop until Kafka is back. A commit the
 * group refuses because the partitions moved meanwhile (the loop waited out an outage for longer than
 * {@code max.poll.interval.ms}, 5 minutes by default) is dropped: the partitions' next owner, perhaps this member
 * again, handles those records once more, which idempotent handlers allow.
 */
public final class GroupOffsets implements OffsetStore {

    private static final Logger LOG = Logger.getLogger(GroupOffsets.class);

    private final String groupId;
    private final List<String> topics;
    /** Handled but not yet committed; only touched on the loop's thread (rebalance callbacks run inside its poll). */
    private final Map<TopicPartition, OffsetAndMetadata> pending = new HashMap<>();
    private volatile boolean joined;

    public GroupOffsets(String groupId, List<String> topics) {
        this.groupId = groupId;
        this.topics = List.copyOf(topics);
    }

    /** Whether the group has given this member its partitions at least once. */
    public boolean joined() {
        return joined;
    }

    @Override
    public void configure(Map<String, Object> clientConfig) {
        clientConfig.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        clientConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    }

    @Override
    public boolean start(ConsumerLoop.Session session) throws Exception {
        for (String topic : topics) {
            if (session.awaitTopic(topic) == null) {
                return false;
            }
        }
        session.kafka().subscribe(topics, new Rebalance(session));
        LOG.infof("Consuming %s in group %s", topics, groupId);
        return true;
    }

    @Override
    public void handled(TopicPartition partition, long nextOffset) {
        pending.put(partition, new OffsetAndMetadata(nextOffset));
    }

    @Override
    public void afterBatch(ConsumerLoop.Session session, boolean handledAny) {
        commit(session);
    }

    @Override
    public void finish(ConsumerLoop.Session session) {
        try {
            commit(session);
        } catch (WakeupException e) {
            // close() woke the client during the commit: commit anyway, the wakeup is spent.
            commitQuietly(session);
        } catch (RuntimeException e) {
            LOG.infof("Offsets of %s not committed at the end of the session (%s); those records are handled again",
                    topics, e.toString());
        } finally {
            pending.clear();
        }
    }

    private void commitQuietly(ConsumerLoop.Session session) {
        try {
            commit(session);
        } catch (RuntimeException e) {
            LOG.infof("Offsets of %s not committed (%s); those records are handled again", topics, e.toString());
        }
    }

    private void commit(ConsumerLoop.Session session) {
        if (pending.isEmpty()) {
            return;
        }
        try {
            session.kafka().commitSync(new HashMap<>(pending), session.timeout());
            pending.clear();
        } catch (CommitFailedException | RebalanceInProgressException e) {
            LOG.infof("Offsets of %s not committed (%s); the partitions' next owner handles those records again",
                    topics, e.getClass().getSimpleName());
            pending.clear();
        }
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        private final ConsumerLoop.Session session;

        Rebalance(ConsumerLoop.Session session) {
            this.session = session;
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            try {
                commit(session);
            } catch (WakeupException e) {
                throw e;
            } catch (RuntimeException e) {
                LOG.infof("Offsets of %s not committed before the partitions moved (%s); they are handled again",
                        topics, e.toString());
            } finally {
                pending.keySet().removeAll(partitions); // never commit for a partition another member owns
            }
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            pending.keySet().removeAll(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            joined = true;
            LOG.infof("Group %s: this member consumes %s", groupId, partitions);
        }
    }
}
