package io.kechuang.common.deadletter;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What a service with consumers tells {@link DeadLetters}: its dead-letter topic, and how to hand a record back to the
 * consumer that gave up on it. One CDI bean per service.
 */
public interface DeadLetterReplayer {

    /** The service's dead-letter topic, {@code <service>.dlq}. */
    String topic();

    /**
     * The consumer (client id) of a dead letter written before dead letters named theirs, from its original topic.
     */
    String consumerOf(String originalTopic);

    /**
     * Runs the record through the same handler as {@code consumer} does, and returns once it is done; idempotent, as
     * the handlers are (an event already applied or superseded changes nothing).
     *
     * @param original the record as the consumer read it: original topic, partition, offset, key, value and headers
     * @throws IllegalArgumentException if no consumer of this service has that name
     * @throws Exception whatever the handler throws: the replay failed
     */
    void replay(String consumer, ConsumerRecord<byte[], byte[]> original) throws Exception;
}
