package io.kechuang.gateway;

import io.kechuang.testing.KechuangTestResource;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * libs/testing's resource (shared PostgreSQL, database {@code gateway}), minus its test verification key: the
 * gateway verifies tokens against its own JWK set, as configured in application.properties.
 */
public class GatewayTestResource extends KechuangTestResource {

    @Override
    public void init(Map<String, String> initArgs) {
        super.init(Map.of(ARG_DATABASE, "gateway"));
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new LinkedHashMap<>(super.start());
        config.remove("mp.jwt.verify.publickey.location");
        config.remove("mp.jwt.verify.publickey");
        return config;
    }
}
