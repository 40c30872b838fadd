package io.kechuang.matching;

import io.kechuang.testing.KechuangTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Real Kafka and PostgreSQL for every test class of this module (one shared instance per test JVM). */
@QuarkusTestResource(value = KechuangTestResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = KechuangTestResource.ARG_DATABASE, value = "matching"))
public final class TestInfrastructure {
    private TestInfrastructure() {
    }
}
