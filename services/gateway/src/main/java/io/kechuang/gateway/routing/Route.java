package io.kechuang.gateway.routing;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * One line of the route table: {@code /api/<name>} and everything below it go to {@code origin}.
 *
 * @param name the first path segment after {@code /api}, e.g. {@code achievements}
 * @param origin the service's base URL, e.g. {@code http://localhost:8081}
 */
public record Route(String name, URI origin) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");

    public Route {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Route name '" + name + "' must be lower-case letters, digits and dashes");
        }
        if (origin.getHost() == null || !("http".equals(origin.getScheme()) || "https".equals(origin.getScheme()))) {
            throw new IllegalArgumentException("Route " + name + ": '" + origin + "' is not an http(s) URL with a host");
        }
    }

    /** {@code /api/achievements} */
    public String prefix() {
        return "/api/" + name;
    }

    /** Matches the prefix itself and every path below it, but not {@code /api/achievementsX}. */
    public String regex() {
        return "^" + Pattern.quote(prefix()) + "(/.*)?$";
    }

    public boolean covers(String path) {
        return path.equals(prefix()) || path.startsWith(prefix() + "/");
    }

    public boolean tls() {
        return "https".equals(origin.getScheme());
    }

    public int port() {
        return origin.getPort() > 0 ? origin.getPort() : tls() ? 443 : 80;
    }

    /** {@code scheme://host:port}, what two routes to the same service share. */
    public String base() {
        return origin.getScheme() + "://" + origin.getHost() + ":" + port();
    }
}
