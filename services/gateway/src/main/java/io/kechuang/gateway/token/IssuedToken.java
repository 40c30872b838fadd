package io.kechuang.gateway.token;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The OAuth2 token response (RFC 6749 section 5.1). */
@Schema(name = "TokenResponse")
public record IssuedToken(
        @JsonProperty("access_token") @Schema(description = "RS256 JWT; send it as Authorization: Bearer <token>")
        String accessToken,
        @JsonProperty("token_type") @Schema(example = "Bearer") String tokenType,
        @JsonProperty("expires_in") @Schema(description = "Seconds until it expires", example = "900") long expiresIn) {
}
