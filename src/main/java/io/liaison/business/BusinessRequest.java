package io.liaison.business;

import io.liaison.error.KnownFieldsOnly;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * HighLevel's CreateBusinessDto / UpdateBusinessDto. On update a field left out is kept and an empty
 * string clears it (the name cannot be cleared). Other fields are refused (422 UNKNOWN_FIELD).
 */
@Schema(name = "BusinessRequest")
@KnownFieldsOnly
record BusinessRequest(
        @Schema(example = "Microsoft", description = "Required on create") @Size(max = 255) String name,
        @Schema(example = "ve9EPM428h8vShlRW1KT", description = "Required on create") @Size(max = 64) String locationId,
        @Schema(example = "+18832327657", description = "Stored in E.164; without its +country code it is read in the default region (liaison.phone.default-region)")
        @Size(max = 40) String phone,
        @Schema(example = "john@deo.com") @Email @Size(max = 254) String email,
        @Schema(example = "www.xyz.com") @Size(max = 2048) String website,
        @Schema(example = "street address") @Size(max = 255) String address,
        @Schema(example = "new york") @Size(max = 100) String city,
        @Schema(example = "12345") @Size(max = 20) String postalCode,
        @Schema(example = "new york") @Size(max = 100) String state,
        @Schema(example = "us") @Size(max = 64) String country,
        @Size(max = 1000) String description) {
}
