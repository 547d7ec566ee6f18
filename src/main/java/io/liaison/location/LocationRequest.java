package io.liaison.location;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** HighLevel's CreateLocationDto, the fields Liaison keeps. */
@Schema(name = "CreateLocationRequest")
public record LocationRequest(
        @Schema(example = "Mark Shoes", required = true) @NotBlank @Size(max = 200) String name,
        @Schema(example = "UAXssdawIWAWD") @Size(max = 64) String companyId,
        @Size(max = 40) String phone,
        @Email @Size(max = 254) String email,
        @Size(max = 255) String address,
        @Size(max = 100) String city,
        @Size(max = 100) String state,
        @Size(max = 64) String country,
        @Size(max = 20) String postalCode,
        @Size(max = 2048) String website,
        @Size(max = 64) String timezone) {
}
