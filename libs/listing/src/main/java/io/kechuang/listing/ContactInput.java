package io.kechuang.listing;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A record's contact person as its owner writes it. Contacts are confidential: services show them only to the
 * owner and admins (later also the assigned broker and introduced counterparts), and never put them in events.
 */
@Schema(name = "Contact", description = "Shown only to the owner and admins; never in events")
public record ContactInput(
        @NotBlank @Size(max = 100) @Schema(example = "刘工（研发部）") String person,
        @Size(max = 40) @Pattern(regexp = "[0-9+()\\- ]{5,40}", message = "must be a phone number")
        @Schema(example = "028-86000000") String phone,
        @Email @Size(max = 200) @Schema(example = "rd@example.com") String email) {

    /** Whether there is a way to reach the person: a phone or an email. */
    public boolean reachable() {
        return (phone != null && !phone.isBlank()) || (email != null && !email.isBlank());
    }
}
