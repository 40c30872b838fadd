package io.kechuang.common.http;

import io.kechuang.common.problem.ProblemException;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Response;
import java.net.URI;

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
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
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

    private static long parseFirst(String ifMatch) {
        String first = ifMatch.split(",")[0].trim().replace("W/", "").replace("\"", "");
        return Long.parseLong(first);
    }
}
