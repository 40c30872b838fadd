package io.kechuang.gateway.routing;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * A request body without a declared length (chunked), passed through until it exceeds the size limit; then the
 * stream fails, the proxy abandons the upstream request, and the gateway answers 413. Bodies that declare their
 * length are refused up front by libs/common's {@code RequestLimits}.
 *
 * <p>After the limit the rest of the body is read and dropped for a while ("lingering close"), so that a client
 * still sending gets to read the 413 instead of a connection reset; past a second limit's worth of bytes the
 * connection is closed.
 */
final class BoundedStream implements ReadStream<Buffer> {

    /** Raised into the pipe when the body grows past the limit. */
    static final class TooLarge extends RuntimeException {
        TooLarge() {
            super("request body too large", null, false, false);
        }
    }

    private final ReadStream<Buffer> source;
    private final long limit;
    private final Runnable giveUp;
    private long seen;
    private volatile boolean exceeded;
    private Handler<Throwable> exceptionHandler;

    /** @param giveUp closes the connection, once a client keeps sending far past the limit */
    BoundedStream(ReadStream<Buffer> source, long limit, Runnable giveUp) {
        this.source = source;
        this.limit = limit;
        this.giveUp = giveUp;
    }

    boolean exceeded() {
        return exceeded;
    }

    @Override
    public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
        this.exceptionHandler = handler;
        source.exceptionHandler(handler);
        return this;
    }

    @Override
    public ReadStream<Buffer> handler(Handler<Buffer> handler) {
        if (handler == null) {
            source.handler(null);
            return this;
        }
        source.handler(chunk -> {
            seen += chunk.length();
            if (exceeded) {
                if (seen > 2 * limit) {
                    source.handler(null);
                    giveUp.run();
                }
                return;
            }
            if (seen > limit) {
                exceeded = true;
                if (exceptionHandler != null) {
                    exceptionHandler.handle(new TooLarge());
                }
                return;
            }
            handler.handle(chunk);
        });
        return this;
    }

    @Override
    public ReadStream<Buffer> pause() {
        source.pause();
        return this;
    }

    @Override
    public ReadStream<Buffer> resume() {
        source.resume();
        return this;
    }

    @Override
    public ReadStream<Buffer> fetch(long amount) {
        source.fetch(amount);
        return this;
    }

    @Override
    public ReadStream<Buffer> endHandler(Handler<Void> endHandler) {
        source.endHandler(endHandler == null ? null : v -> {
            if (!exceeded) {
                endHandler.handle(v);
            }
        });
        return this;
    }
}
