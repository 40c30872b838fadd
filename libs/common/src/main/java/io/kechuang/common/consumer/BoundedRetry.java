package io.kechuang.common.consumer;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * Processes one record until it is done, telling three kinds of failure apart:
 * <ul>
 * <li><b>The infrastructure is down</b> ({@link InfrastructureFailures}: the database cannot be reached, Kafka cannot
 * take a write): the record is not at fault, so it is tried again without limit, with exponential backoff from
 * {@code initialBackoff} up to {@code maxBackoff}, logging at WARN on the first failure and then about once a
 * minute. The caller does not move past the record meanwhile: its partition waits, which is right when the database
 * is down for every record alike. Such failures do not count as attempts.</li>
 * <li><b>The record is poison</b> ({@link #isPermanent}: not a valid event): straight to the dead-letter queue.</li>
 * <li><b>Anything else</b>: {@code maxAttempts} attempts with doubling backoff, then the dead-letter queue, so a
 * record that keeps failing never blocks its partition.</li>
 * </ul>
 * Writing the dead letter is retried the same way while Kafka is unavailable.
 * <p>
 * {@link #stop()} (called by {@link ConsumerLoop#close()}; also when the dead-letter queue is closed) or an
 * interrupt ends any wait at once: {@link #process} then throws {@link Stopped}, an {@link InterruptedException},
 * and the record is neither passed nor dead-lettered, so the partition's next reader handles it again.
 */
public final class BoundedRetry {

    private static final Logger LOG = Logger.getLogger(BoundedRetry.class);

    /** The default cap of the backoff while the infrastructure is down. */
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);

    /** How often a continuing outage is logged at WARN. */
    private static final long WARN_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

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

    /** Thrown by {@link #process} when the retry was stopped or interrupted before the record was done. */
    public static final class Stopped extends InterruptedException {
        Stopped(String message) {
            super(message);
        }
    }

    public enum Outcome {
        PROCESSED, DEAD_LETTERED
    }

    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final DeadLetterQueue deadLetters;
    private final CountDownLatch stopped = new CountDownLatch(1);

    public BoundedRetry(int maxAttempts, Duration initialBackoff, DeadLetterQueue deadLetters) {
        this(maxAttempts, initialBackoff, DEFAULT_MAX_BACKOFF, deadLetters);
    }

    /**
     * @param maxAttempts attempts of a record whose processing fails for other reasons than the infrastructure
     * @param initialBackoff the pause after the first failure; doubles with each further one
     * @param maxBackoff the longest pause between two attempts while the infrastructure is down
     */
    public BoundedRetry(int maxAttempts, Duration initialBackoff, Duration maxBackoff, DeadLetterQueue deadLetters) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("need 0 <= initialBackoff <= maxBackoff");
        }
        this.maxAttempts = maxAttempts;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.deadLetters = deadLetters;
        deadLetters.onClose(this::stop);
    }

    /**
     * Ends every wait, now and later: {@link #process} throws {@link Stopped} instead of trying again. For the
     * consumer's {@code close()}.
     */
    public void stop() {
        stopped.countDown();
    }

    public boolean isStopped() {
        return stopped.getCount() == 0;
    }

    /**
     * @return {@link Outcome#PROCESSED}, or {@link Outcome#DEAD_LETTERED} once the dead letter is written
     * @throws Stopped if {@link #stop()} was called or the thread interrupted before the record was done; the caller
     *         must not move past the record
     * @throws Exception only if the dead letter cannot be written for another reason than Kafka being unavailable;
     *         the caller must then not move past the record
     */
    public Outcome process(ConsumerRecord<byte[], byte[]> record, RecordHandler handler) throws Exception {
        return process(record, handler, () -> { });
    }

    /**
     * As {@link #process(ConsumerRecord, RecordHandler)}, running {@code beforeEachAttempt} before each attempt at the
     * record or at its dead letter: a {@link ConsumerLoop} counts those as signs of life while it waits out an outage.
     */
    public Outcome process(ConsumerRecord<byte[], byte[]> record, RecordHandler handler, Runnable beforeEachAttempt)
            throws Exception {
        return process(record, handler, beforeEachAttempt, null);
    }

    /**
     * As {@link #process(ConsumerRecord, RecordHandler, Runnable)}, naming the consumer in the dead letter
     * ({@link DeadLetterQueue#CONSUMER}), so that a replay knows which handler to send it back to.
     */
    public Outcome process(ConsumerRecord<byte[], byte[]> record, RecordHandler handler, Runnable beforeEachAttempt,
            String consumer) throws Exception {
        Backoff bounded = new Backoff(initialBackoff);
        Outage outage = null;
        for (int attempt = 1; ; ) {
            requireRunning(record);
            beforeEachAttempt.run();
            try {
                handler.handle(record);
                if (outage != null) {
                    outage.recovered("processed");
                }
                return Outcome.PROCESSED;
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                if (isPermanent(e)) {
                    return deadLetter(record, e, attempt, beforeEachAttempt, consumer);
                }
                if (InfrastructureFailures.isInfrastructure(e)) {
                    outage = outage == null ? new Outage(record, "processing") : outage;
                    outage.failed(e);
                    pause(outage.backoff.next(), record);
                    continue;
                }
                if (attempt >= maxAttempts) {
                    return deadLetter(record, e, attempt, beforeEachAttempt, consumer);
                }
                LOG.debugf("Attempt %d of %s failed, retrying: %s", attempt, where(record), e.toString());
                pause(bounded.next(), record);
                attempt++;
            }
        }
    }

    /** Writes the dead letter, waiting while Kafka is unavailable. */
    private Outcome deadLetter(ConsumerRecord<byte[], byte[]> record, Exception error, int attempts,
            Runnable beforeEachAttempt, String consumer) throws Exception {
        LOG.warnf("Dead-lettering %s after %d attempt(s): %s", where(record), attempts, error.toString());
        Outage outage = null;
        while (true) {
            requireRunning(record);
            beforeEachAttempt.run();
            try {
                deadLetters.send(record, error, attempts, consumer);
                if (outage != null) {
                    outage.recovered("dead-lettered");
                }
                return Outcome.DEAD_LETTERED;
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                if (!(InfrastructureFailures.isInfrastructure(e) || hasCause(e, java.util.concurrent.TimeoutException.class))) {
                    throw e;
                }
                outage = outage == null ? new Outage(record, "dead-lettering") : outage;
                outage.failed(e);
                pause(outage.backoff.next(), record);
            }
        }
    }

    private void requireRunning(ConsumerRecord<byte[], byte[]> record) throws Stopped {
        if (isStopped() || Thread.interrupted()) {
            throw new Stopped("stopped before " + where(record) + " was done");
        }
    }

    /** Waits, unless stopped or interrupted first. */
    private void pause(Duration duration, ConsumerRecord<byte[], byte[]> record) throws Stopped {
        try {
            if (stopped.await(duration.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new Stopped("stopped while waiting to retry " + where(record));
            }
        } catch (Stopped e) {
            throw e;
        } catch (InterruptedException e) {
            // Thrown on as an InterruptedException, so the flag stays clear (a set flag would fail the caller's commit).
            throw new Stopped("interrupted while waiting to retry " + where(record));
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

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String where(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }

    /** Doubling pauses, capped. */
    private final class Backoff {
        private Duration next;

        Backoff(Duration first) {
            next = first;
        }

        Duration next() {
            Duration current = next;
            Duration doubled = next.multipliedBy(2);
            next = doubled.compareTo(maxBackoff) > 0 ? maxBackoff : doubled;
            return current;
        }
    }

    /** One spell of infrastructure failures while handling a record: its backoff and its log lines. */
    private final class Outage {
        final Backoff backoff = new Backoff(initialBackoff);
        private final ConsumerRecord<byte[], byte[]> record;
        private final String doing;
        private final long since = System.nanoTime();
        private long lastWarning;
        private int failures;

        Outage(ConsumerRecord<byte[], byte[]> record, String doing) {
            this.record = record;
            this.doing = doing;
        }

        void failed(Exception e) {
            failures++;
            long now = System.nanoTime();
            if (failures == 1 || now - lastWarning >= WARN_EVERY_NANOS) {
                lastWarning = now;
                LOG.warnf("Infrastructure unavailable while %s %s (%d failure(s) in %d s); retrying until it is back, "
                        + "the partition waits: %s", doing, where(record), failures, seconds(now), e.toString());
            } else {
                LOG.debugf("Still unavailable while %s %s: %s", doing, where(record), e.toString());
            }
        }

        void recovered(String outcome) {
            LOG.infof("Infrastructure back: %s %s after %d failure(s) in %d s", outcome, where(record), failures,
                    seconds(System.nanoTime()));
        }

        private long seconds(long now) {
            return TimeUnit.NANOSECONDS.toSeconds(now - since);
        }
    }
}
