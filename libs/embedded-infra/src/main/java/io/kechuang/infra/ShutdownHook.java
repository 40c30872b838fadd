package io.kechuang.infra;

/**
 * The JVM shutdown hook that closes a server left running at exit, and its removal once the server is closed
 * otherwise (a closed server must not keep a hook, nor be closed twice).
 */
final class ShutdownHook {

    private final Thread thread;

    private ShutdownHook(Thread thread) {
        this.thread = thread;
    }

    /** Registers a hook, on a thread named {@code threadName}, that closes {@code server} and logs a failure. */
    static ShutdownHook closing(AutoCloseable server, String what, String threadName) {
        Thread thread = new Thread(() -> {
            try {
                server.close();
            } catch (Exception e) {
                InfraLogging.log(what + " shutdown failed: " + e);
            }
        }, threadName);
        Runtime.getRuntime().addShutdownHook(thread);
        return new ShutdownHook(thread);
    }

    /** Unregisters the hook; does nothing while the JVM is already shutting down (when it may be the caller). */
    void remove() {
        try {
            Runtime.getRuntime().removeShutdownHook(thread);
        } catch (IllegalStateException | SecurityException alreadyShuttingDown) {
            // called from a shutdown hook
        }
    }
}
