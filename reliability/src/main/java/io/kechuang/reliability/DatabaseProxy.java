package io.kechuang.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

/**
 * A TCP proxy between one service and PostgreSQL, on 127.0.0.1: the service's JDBC URL points here
 * ({@code Options.Builder#databasePort}). {@link #cut()} breaks every connection through it and refuses new ones, as a
 * network partition between that service and its database would; {@link #restore()} lets connections through again.
 * The upstream port is asked for at each connection, so the proxy follows PostgreSQL across restarts.
 */
public final class DatabaseProxy implements AutoCloseable {

    private final String name;
    private final ServerSocket server;
    private final IntSupplier upstreamPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean cut;
    private volatile boolean closed;

    private DatabaseProxy(String name, ServerSocket server, IntSupplier upstreamPort) {
        this.name = name;
        this.server = server;
        this.upstreamPort = upstreamPort;
    }

    /** Listens on a free port at once; connects to 127.0.0.1:{@code upstreamPort} for each accepted connection. */
    public static DatabaseProxy start(String name, IntSupplier upstreamPort) {
        try {
            ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            DatabaseProxy proxy = new DatabaseProxy(name, server, upstreamPort);
            Thread.ofPlatform().daemon().name("db-proxy-" + name).start(proxy::acceptLoop);
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the database proxy of " + name, e);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    public String name() {
        return name;
    }

    /** Breaks every connection through the proxy, and refuses new ones until {@link #restore()}. */
    public void cut() {
        cut = true;
        open.forEach(DatabaseProxy::closeQuietly);
        open.clear();
    }

    public void restore() {
        cut = false;
    }

    public boolean isCut() {
        return cut;
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                continue;
            }
            if (cut) {
                closeQuietly(client);
                continue;
            }
            Socket upstream;
            try {
                upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort.getAsInt());
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
            } catch (IOException | RuntimeException e) {
                closeQuietly(client); // PostgreSQL is down: the service sees a refused connection, as without us
                continue;
            }
            open.add(client);
            open.add(upstream);
            Thread.ofVirtual().start(() -> pump(client, upstream));
            Thread.ofVirtual().start(() -> pump(upstream, client));
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (SocketException closedOrReset) {
            // one side went away, or the connection was cut
        } catch (IOException e) {
            // the same, less politely
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(server);
        cut();
    }

    private static void closeQuietly(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
