package io.kechuang.common.idempotency;

/** The first response to an idempotent request, replayed verbatim for retries. */
public record StoredResponse(int status, String location, String body) {
}
