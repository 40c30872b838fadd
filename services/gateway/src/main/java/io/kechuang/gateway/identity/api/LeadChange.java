package io.kechuang.gateway.identity.api;

import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Makes a broker a lead of the brokerage's brokers, or takes it back. */
@Schema(name = "LeadChange")
public record LeadChange(
        @NotNull @Schema(description = "true: the user acts on every match assigned to a broker of the same "
                + "brokerage. Only for a user with the role BROKER of a BROKERAGE organisation", example = "true")
        Boolean lead) {
}
