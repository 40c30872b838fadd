package io.kechuang.gateway.identity.api;

import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Switches an account on or off. A disabled account gets no new tokens; tokens it holds expire within their lifetime. */
@Schema(name = "EnabledChange")
public record EnabledChange(@NotNull Boolean enabled) {
}
