package io.kechuang.common.deadletter;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One replay of a dead letter, as audited.
 *
 * @param outcome {@code APPLIED} (the handler returned: the event took effect, or had already, or was superseded),
 *        {@code FAILED} (the handler threw: {@code error}), or {@code STARTED} (the service stopped during the replay)
 */
@Schema(description = "One audited replay of a dead letter")
public record ReplayView(
        @Schema(example = "7d0c2a4e-0d7b-4f57-9a3c-6a1d3b9b2f10") UUID id,
        @Schema(example = "0-42") String deadLetter,
        @Schema(example = "demand-service-matches") String consumer,
        @Schema(example = "admin") String replayedBy,
        OffsetDateTime replayedAt,
        @Schema(enumeration = {"STARTED", "APPLIED", "FAILED"}, example = "APPLIED") String outcome,
        @Schema(example = "PSQLException: ERROR: 数据库约束失败 (constraint failed)") String error) {

    public static final String STARTED = "STARTED";
    public static final String APPLIED = "APPLIED";
    public static final String FAILED = "FAILED";

    public boolean applied() {
        return APPLIED.equals(outcome);
    }
}
