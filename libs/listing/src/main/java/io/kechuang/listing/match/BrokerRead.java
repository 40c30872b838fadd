package io.kechuang.listing.match;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One audited read of a listing's confidential parts by the broker assigned to one of its matches. */
@Schema(name = "ConfidentialRead")
public record BrokerRead(
        @Schema(description = "The match through which the broker was entitled to read") UUID matchId,
        @Schema(description = "The broker's user id (token subject)", example = "broker.wang@tj-ttc") String readerSubject,
        @Schema(description = "The broker's organisation") UUID readerOrgId,
        OffsetDateTime readAt) {
}
