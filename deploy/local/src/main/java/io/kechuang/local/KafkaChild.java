package io.kechuang.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.kechuang.infra.KafkaKraftBroker;

/**
 * The main class of the Kafka broker's own JVM ({@link KafkaProcess}): {@code KafkaChild <data dir> <broker port>
 * <controller port> <ready file>}. Starts {@link KafkaKraftBroker} on the folder and ports, writes the ready file once
 * the broker answers, and runs until SIGTERM (its shutdown hook closes the broker), until its standard input ends
 * (the launcher is gone, even after a kill -9), or until the broker stops by itself. A fatal error inside Kafka ends
 * this JVM, as Kafka means it to; the launcher restarts it.
 */
public final class KafkaChild {

    private KafkaChild() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 4) {
            System.err.println("Usage: KafkaChild DATA_DIR BROKER_PORT CONTROLLER_PORT READY_FILE");
            System.exit(2);
        }
        Path ready = Path.of(args[3]);
        Files.deleteIfExists(ready);
        KafkaKraftBroker broker = KafkaKraftBroker.start(Path.of(args[0]), Integer.parseInt(args[1]),
                Integer.parseInt(args[2]));
        Files.writeString(ready, broker.bootstrapServers() + "\n", StandardCharsets.UTF_8);
        System.out.println("Kafka broker ready on " + broker.bootstrapServers());
        Thread.ofPlatform().daemon().name("launcher-watch").start(() -> {
            drain(System.in);
            System.out.println("The launcher is gone: stopping the broker");
            System.exit(0);
        });
        String cause = broker.onShutdown().join();
        System.out.println("Kafka broker stopped: " + cause);
        System.exit(cause.equals("closed") ? 0 : 1);
    }

    private static void drain(InputStream in) {
        byte[] buffer = new byte[256];
        try {
            while (in.read(buffer) >= 0) {
                // nothing is sent: only the end matters
            }
        } catch (IOException e) {
            // the pipe broke: the launcher is gone
        }
    }
}
