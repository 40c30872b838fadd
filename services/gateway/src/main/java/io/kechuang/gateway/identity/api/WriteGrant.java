package io.kechuang.gateway.identity.api;

import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An admin's decision that an API client may use its write roles. */
@Schema(name = "WriteGrant", description = "Who allowed the client to use its write roles, and when")
public record WriteGrant(@Schema(example = "admin") String grantedBy, OffsetDateTime grantedAt) {
}
