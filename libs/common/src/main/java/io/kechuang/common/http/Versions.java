package io.kechuang.common.http;

import io.kechuang.common.problem.ProblemException;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Response;
import jakarta.persistence.OptimisticLockException;
import java.net.URI;
import java.util.function.Supplier;
import org.hibernate.StaleStateException;

/**
 * ETag / If-Match handling for optimistic concurrency. The ETag of a record is its version, {@code "7"}; an update
 * must send it back in {@code If-Match}.
 */
public final class Versions {

    private Versions() {
    }

    public static EntityTag etag(long version) {
        return new EntityTag(Long.toString(version));
    }

    /** 200 with the record and its version as ETag. */
    public static Response ok(Object entity, long version) {
        return Response.ok(entity).tag(etag(version)).build();
    }

    /** 201 with the new record, its {@code Location} and its version as ETag. */
    public static Response created(URI location, Object entity, long version) {
        return Response.created(location).tag(etag(version)).entity(entity).build();
    }

    /**
     * Checks a required {@code If-Match} against the current version: missing is 428, different is 412. {@code *}
     * matches any version.
     */
    public static void requireMatch(String ifMatch, long current) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw ProblemException.versionRequired();
        }
        checkMatch(ifMatch, current);
    }

    /** Checks an optional {@code If-Match}: absent passes, present must match. */
    public static void checkMatch(String ifMatch, long current) {
        if (!isPinned(ifMatch)) {
            return;
        }
        for (String tag : ifMatch.split(",")) {
            String value = tag.trim();
            if (value.startsWith("W/")) {
                value = value.substring(2);
            }
            value = value.replace("\"", "");
            try {
                if (Long.parseLong(value) == current) {
                    return;
                }
            } catch (NumberFormatException e) {
                throw ProblemException.validation("If-Match", "must be the ETag of the record, e.g. \"3\"");
            }
        }
        throw ProblemException.versionMismatch(parseFirst(ifMatch), current);
    }

    /** Attempts of {@link #unlessPinned} before a lost race is answered with 409. */
    static final int ATTEMPTS = 3;

    /**
     * Runs a write that is its own transaction. A caller who sent no {@code If-Match} asked for the change on the
     * record as it is now, so when a background writer (a rescore, a consumer) committed to the same row between
     * our read and our commit, the write is simply tried again on the fresh row, a few times. A caller who pinned a
     * version gets the conflict, as the precondition says.
     */
    public static <T> T unlessPinned(String ifMatch, Supplier<T> write) {
        boolean pinned = isPinned(ifMatch);
        for (int attempt = 1; ; attempt++) {
            try {
                return write.get();
            } catch (RuntimeException e) {
                if (pinned || attempt >= ATTEMPTS || !isConcurrentUpdate(e)) {
                    throw e;
                }
            }
        }
    }

    /** Whether a failure, or any of its causes, is an optimistic-lock conflict. */
    public static boolean isConcurrentUpdate(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OptimisticLockException || t instanceof StaleStateException) {
                return true;
            }
        }
        return false;
    }

    /** Whether an {@code If-Match} names versions: absent, blank and {@code *} accept any. */
    private static boolean isPinned(String ifMatch) {
        return ifMatch != null && !ifMatch.isBlank() && !ifMatch.trim().equals("*");
    }

    private static long parseFirst(String ifMatch) {
        String first = ifMatch.split(",")[0].trim().replace("W/", "").replace("\"", "");
        return Long.parseLong(first);
    }
}
