package io.kechuang.common.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kechuang.common.problem.ProblemException;
import jakarta.persistence.OptimisticLockException;
import jakarta.transaction.RollbackException;
import java.util.concurrent.atomic.AtomicInteger;
import org.hibernate.StaleObjectStateException;
import org.junit.jupiter.api.Test;

class VersionsTest {

    /** What a commit that lost the race to a background writer throws out of a transactional bean. */
    private static RuntimeException lostRace() {
        RollbackException rollback = new RollbackException("commit failed");
        rollback.initCause(new OptimisticLockException(new StaleObjectStateException("MatchSuggestion", 1L)));
        return new RuntimeException(rollback);
    }

    @Test
    void aWriteWithoutIfMatchIsTriedAgainAfterLosingARace() {
        AtomicInteger calls = new AtomicInteger();
        String result = Versions.unlessPinned(null, () -> {
            if (calls.incrementAndGet() < 3) {
                throw lostRace();
            }
            return "claimed";
        });
        assertEquals("claimed", result);
        assertEquals(3, calls.get());
    }

    @Test
    void aWriteWithoutIfMatchGivesUpAfterThreeLostRaces() {
        AtomicInteger calls = new AtomicInteger();
        RuntimeException last = lostRace();
        RuntimeException thrown = assertThrows(RuntimeException.class, () -> Versions.unlessPinned("*", () -> {
            calls.incrementAndGet();
            throw last;
        }));
        assertSame(last, thrown);
        assertEquals(Versions.ATTEMPTS, calls.get());
    }

    @Test
    void aPinnedVersionGetsTheConflictAtOnce() {
        AtomicInteger calls = new AtomicInteger();
        assertThrows(RuntimeException.class, () -> Versions.unlessPinned("\"4\"", () -> {
            calls.incrementAndGet();
            throw lostRace();
        }));
        assertEquals(1, calls.get());
    }

    @Test
    void otherFailuresAreNotRetried() {
        AtomicInteger calls = new AtomicInteger();
        assertThrows(ProblemException.class, () -> Versions.unlessPinned(null, () -> {
            calls.incrementAndGet();
            throw ProblemException.forbidden("not yours");
        }));
        assertEquals(1, calls.get());
        assertTrue(Versions.isConcurrentUpdate(lostRace()));
        assertFalse(Versions.isConcurrentUpdate(new IllegalStateException(new RuntimeException())));
    }
}
