package io.kechuang.gateway.identity.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A client and its secret. The secret is shown only in this response; the gateway keeps only its hash. */
@Schema(name = "ClientCredentials")
public record ClientCredentials(
        ClientView client,
        @Schema(description = "Shown once. Store it in the portal's secret store.") String clientSecret) {
}
