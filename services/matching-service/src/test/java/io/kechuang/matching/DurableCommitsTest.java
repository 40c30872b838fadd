package io.kechuang.matching;

import io.kechuang.testing.DurableCommitsContract;
import io.quarkus.test.junit.QuarkusTest;

/** The service's own database sessions commit durably (see {@link DurableCommitsContract}). */
@QuarkusTest
class DurableCommitsTest extends DurableCommitsContract {
}
