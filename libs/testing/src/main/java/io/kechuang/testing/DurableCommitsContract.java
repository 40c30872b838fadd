package io.kechuang.testing;

import jakarta.inject.Inject;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * An acknowledged write survives a crash of the database only if its commit waited for the write-ahead log to reach
 * the disk: the service's own sessions must have fsync, synchronous_commit and full_page_writes on. Each service with
 * a database runs this once as a {@code @QuarkusTest} subclass, so the check goes through that service's own data
 * source and configuration.
 */
public abstract class DurableCommitsContract {

    @Inject
    DataSource dataSource;

    @Test
    void theServicesSessionsCommitDurably() throws Exception {
        DurableCommits.assertDurable(dataSource);
    }
}
