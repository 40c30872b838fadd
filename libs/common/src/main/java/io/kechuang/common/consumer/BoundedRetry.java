package io.kechuang.common.consumer;

import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * Processes one record with a bounded number of attempts; a record that still fails goes to the dead-letter
 * queue, so a poison message never blocks its partition. Failures that no retry can fix ({@link #isPermanent})
 * skip the retries.
 */
public final class BoundedRetry {

    private static final Logger LOG = Logger.getLogger(BoundedRetry.class);

    /** Processing of one record. */
    @FunctionalInterface
    public interface RecordHandler {
        void handle(ConsumerRecord<byte[], byte[]> record) throws Exception;
    }

    /** Marks a failure no retry can fix, such as a record that is not a valid event. */
    public static class PermanentFailure extends RuntimeException {
        public PermanentFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public enum Outcome {
        PROCESSED, DEAD_LETTERED
    }

    private final int maxAttempts;
    private final Duration initialBackoff;
    private final DeadLetterQueue deadLetters;

    public BoundedRetry(int maxAttempts, Duration initialBackoff, DeadLetterQueue deadLetters) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        this.maxAttempts = maxAttempts;
        this.initialBackoff = initialBackoff;
        this.deadLetters = deadLetters;
    }

    /**
     * @throws Exception only if the dead letter itself cannot be written; the caller must then not move past the
     *         record
     */
    public Outcome process(ConsumerRecord<byte[], byte[]> record, RecordHandler handler) throws Exception {
        Duration backoff = initialBackoff;
        for (int attempt = 1; ; attempt++) {
            try {
                handler.handle(record);
                return Outcome.PROCESSED;
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                boolean permanent = isPermanent(e);
                if (permanent || attempt >= maxAttempts) {
                    LOG.warnf("Dead-lettering %s-%d@%d after %d attempt(s): %s", record.topic(), record.partition(),
                            record.offset(), attempt, e.toString());
                    deadLetters.send(record, e, attempt);
                    return Outcome.DEAD_LETTERED;
                }
                LOG.debugf("Attempt %d of %s-%d@%d failed, retrying: %s", attempt, record.topic(), record.partition(),
                        record.offset(), e.toString());
                Thread.sleep(backoff.toMillis());
                backoff = backoff.multipliedBy(2);
            }
        }
    }

    static boolean isPermanent(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PermanentFailure || t instanceof io.kechuang.events.EventJson.MalformedEventException) {
                return true;
            }
        }
        return false;
    }
}
