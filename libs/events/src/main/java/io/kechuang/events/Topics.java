package io.kechuang.events;

import java.util.List;
import java.util.Map;

/** Topic names and their shape. Producers create their own topics at start-up from these specs. */
public final class Topics {

    public static final String ACHIEVEMENTS = "achievements.v1";
    public static final String DEMANDS = "demands.v1";
    public static final String MATCHES = "matches.v1";
    public static final String IDENTITY = "identity.v1";
    public static final String ACHIEVEMENT_ACCESS = "achievement-access.v1";
    public static final String DEMAND_ACCESS = "demand-access.v1";
    public static final String MATCHING_REPLAY = "matching.replay";

    /** Compacted, keyed by achievement id: a consumer can rebuild every achievement's public state. */
    public static final TopicSpec ACHIEVEMENTS_SPEC = new TopicSpec(ACHIEVEMENTS, 3, true);
    /** Compacted, keyed by demand id. */
    public static final TopicSpec DEMANDS_SPEC = new TopicSpec(DEMANDS, 3, true);
    /**
     * Compacted, keyed by match id: the state log of every match, from which a consumer rebuilds its match links
     * however long it was away (each event carries the match's whole state).
     */
    public static final TopicSpec MATCHES_SPEC = new TopicSpec(MATCHES, 3, true);

    /**
     * Compacted, keyed by organisation or user id: the gateway's organisations and users without secrets, from which
     * a consumer rebuilds its directory (who exists, who is enabled, who leads a brokerage).
     */
    public static final TopicSpec IDENTITY_SPEC = new TopicSpec(IDENTITY, 3, true);
    /**
     * Compacted, keyed by access request, NDA terms (listing id) or acceptance id: consent on achievements. Each
     * event carries the whole state of its record.
     */
    public static final TopicSpec ACHIEVEMENT_ACCESS_SPEC = new TopicSpec(ACHIEVEMENT_ACCESS, 3, true);
    /** As {@link #ACHIEVEMENT_ACCESS_SPEC}, on demands. */
    public static final TopicSpec DEMAND_ACCESS_SPEC = new TopicSpec(DEMAND_ACCESS, 3, true);

    /** Dead letters of the matching service's consumers. */
    public static final TopicSpec MATCHING_DLQ_SPEC = new TopicSpec(deadLetter("matching"), 1, false);
    /** Dead letters of the achievement service's consumer of {@code matches.v1}. */
    public static final TopicSpec ACHIEVEMENT_SERVICE_DLQ_SPEC = new TopicSpec(deadLetter("achievement-service"), 1, false);
    /** Dead letters of the demand service's consumer of {@code matches.v1}. */
    public static final TopicSpec DEMAND_SERVICE_DLQ_SPEC = new TopicSpec(deadLetter("demand-service"), 1, false);

    /**
     * Dead letters of the matching indexer replayed by an admin: every matching replica's indexer reads it (each keeps
     * its own index), applying what is newer than its index holds. Not compacted: a replay is an event, not a state.
     */
    public static final TopicSpec MATCHING_REPLAY_SPEC = new TopicSpec(MATCHING_REPLAY, 1, false);

    public static final List<TopicSpec> ALL = List.of(ACHIEVEMENTS_SPEC, DEMANDS_SPEC, MATCHES_SPEC, IDENTITY_SPEC,
            ACHIEVEMENT_ACCESS_SPEC, DEMAND_ACCESS_SPEC, MATCHING_DLQ_SPEC,
            ACHIEVEMENT_SERVICE_DLQ_SPEC, DEMAND_SERVICE_DLQ_SPEC, MATCHING_REPLAY_SPEC);

    private Topics() {
    }

    /** The dead-letter topic of a consumer, {@code <consumer>.dlq}. */
    public static String deadLetter(String consumer) {
        return consumer + ".dlq";
    }

    /**
     * @param name topic name
     * @param partitions partition count at creation
     * @param compacted whether {@code cleanup.policy=compact}
     */
    public record TopicSpec(String name, int partitions, boolean compacted) {

        /**
         * The topic configs this spec declares, by Kafka config name: set when the topic is created, and reconciled
         * on a topic that already exists with other values.
         */
        public Map<String, String> configs() {
            return Map.of("cleanup.policy", compacted ? "compact" : "delete");
        }
    }
}
