package io.kechuang.gateway;

import io.quarkus.test.common.QuarkusTestResource;

/**
 * Real PostgreSQL (shared per test JVM) and stand-in services on random ports, for every test class of this module.
 */
@QuarkusTestResource(value = GatewayTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = StubServices.class, restrictToAnnotatedClass = false)
public final class TestInfrastructure {
    private TestInfrastructure() {
    }
}
