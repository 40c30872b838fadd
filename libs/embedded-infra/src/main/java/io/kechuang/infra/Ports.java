package io.kechuang.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Arrays;

/** Free TCP ports on 127.0.0.1. */
final class Ports {

    private Ports() {
    }

    /** A port that was free on 127.0.0.1 a moment ago and is none of {@code avoid}. */
    static int freePort(int... avoid) {
        for (int attempt = 0; attempt < 20; attempt++) {
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
                s.setReuseAddress(true);
                int port = s.getLocalPort();
                if (Arrays.stream(avoid).noneMatch(p -> p == port)) {
                    return port;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("no free port found");
    }
}
