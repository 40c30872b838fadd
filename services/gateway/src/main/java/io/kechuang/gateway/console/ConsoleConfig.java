package io.kechuang.gateway.console;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** Everything the console reads from {@code kechuang.console.*}. */
@ConfigMapping(prefix = "kechuang.console")
public interface ConsoleConfig {

    /** A session unused this long ends. */
    @WithDefault("30m")
    Duration idleTimeout();

    /** A session ends this long after sign-in, used or not. */
    @WithDefault("12h")
    Duration absoluteTimeout();

    /**
     * When the cookie carries {@code Secure}: {@code auto} (when the request came over TLS, directly or as
     * {@code X-Forwarded-Proto: https} from a trusted proxy), {@code always} or {@code never}.
     */
    @WithDefault("auto")
    String secureCookie();

    /**
     * Where the console calls the public API. By default the gateway itself over loopback, on the port the request
     * came in on, so every call passes the same token checks and rate limits as a partner portal's.
     */
    Optional<URI> apiUrl();

    /** Most rows an export collects (pages of 100). */
    @WithDefault("2000")
    int maxExportRows();
}
