package io.kechuang.gateway.routing;

import io.kechuang.gateway.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The routes from {@code kechuang.gateway.routes.*}, checked once. */
@ApplicationScoped
public class RouteTable {

    private final List<Route> routes;

    @Inject
    public RouteTable(GatewayConfig config) {
        this.routes = config.routes().entrySet().stream().map(e -> new Route(e.getKey(), e.getValue()))
                .sorted(Comparator.comparing(Route::name)).toList();
    }

    public List<Route> routes() {
        return routes;
    }

    public Optional<Route> forPath(String path) {
        return routes.stream().filter(r -> r.covers(path)).findFirst();
    }

    /** The distinct services behind the routes, by base URL, each with the routes that lead to it. */
    public Map<String, List<Route>> byService() {
        Map<String, List<Route>> services = new LinkedHashMap<>();
        for (Route r : routes) {
            services.computeIfAbsent(r.base(), k -> new java.util.ArrayList<>()).add(r);
        }
        return services;
    }
}
