package io.kechuang.matching;

import io.agroal.api.AgroalDataSource;
import io.kechuang.testing.DurableCommits;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * An acknowledged write survives a crash of the database only if its commit waited for the write-ahead log to reach
 * the disk: the service's own sessions must have fsync, synchronous_commit and full_page_writes on.
 */
@QuarkusTest
class DurableCommitsTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void theServicesSessionsCommitDurably() throws Exception {
        DurableCommits.assertDurable(dataSource);
    }
}
