package io.kechuang.listing.consent;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The NDA terms an owner requires before anything of a listing is disclosed. */
@Schema(name = "NdaInput")
public record NdaInput(
        @Schema(description = "The terms as plain text, at most " + NdaInput.MAX_TERMS + " characters; each PUT makes a "
                + "new version", example = "双方对在技术对接中获知的对方技术资料、商业信息负有保密义务，保密期限为三年。")
        @NotBlank @Size(max = NdaInput.MAX_TERMS, message = "must be at most " + NdaInput.MAX_TERMS + " characters")
        String terms) {

    public static final int MAX_TERMS = 20_000;
}
