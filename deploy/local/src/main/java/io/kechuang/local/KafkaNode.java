package io.kechuang.local;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import io.kechuang.infra.KafkaKraftBroker;

/**
 * The Kafka broker the platform runs: inside the launcher's JVM ({@link InJvm}, the default) or as a child JVM of its
 * own ({@link KafkaProcess}, {@link Options.Builder#kafkaInChildProcess()}), which can be killed outright. Either is
 * supervised and restarted alike, on the same data and ports.
 */
sealed interface KafkaNode extends AutoCloseable permits KafkaNode.InJvm, KafkaProcess {

    /** {@code 127.0.0.1:<port>}. */
    String bootstrapServers();

    int brokerPort();

    int controllerPort();

    /** Completes, with why, once the broker has stopped, whoever stopped it. */
    CompletableFuture<String> onShutdown();

    /** The broker's own process, when it has one. */
    Optional<ProcessHandle> process();

    @Override
    void close();

    /** Starts a broker on the platform's Kafka folder and these ports (0 = a free port). */
    static KafkaNode start(Layout layout, int brokerPort, int controllerPort, boolean childProcess) {
        return childProcess
                ? KafkaProcess.start(layout, brokerPort, controllerPort)
                // Supervised: a fatal error inside Kafka stops the broker, to be restarted, instead of halting this JVM.
                : new InJvm(KafkaKraftBroker.startSupervised(layout.kafka(), brokerPort, controllerPort));
    }

    /** The broker in the launcher's JVM. */
    record InJvm(KafkaKraftBroker broker) implements KafkaNode {

        @Override
        public String bootstrapServers() {
            return broker.bootstrapServers();
        }

        @Override
        public int brokerPort() {
            return broker.brokerPort();
        }

        @Override
        public int controllerPort() {
            return broker.controllerPort();
        }

        @Override
        public CompletableFuture<String> onShutdown() {
            return broker.onShutdown(); // it runs in this JVM: its own shutdown tells
        }

        @Override
        public Optional<ProcessHandle> process() {
            return Optional.empty();
        }

        @Override
        public void close() {
            broker.close();
        }
    }
}
