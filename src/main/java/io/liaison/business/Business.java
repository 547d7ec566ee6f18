package io.liaison.business;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A business (company) as HighLevel's Businesses API answers it (BusinessDto). */
@Schema(name = "Business")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Business(
        @Schema(example = "63771dcac1116f0e21de8e12") String id,
        @Schema(example = "ve9EPM428h8vShlRW1KT") String locationId,
        @Schema(example = "Microsoft") String name,
        @Schema(example = "+18832327657") String phone,
        @Schema(example = "john@deo.com") String email,
        @Schema(example = "www.xyz.com") String website,
        @Schema(example = "street address") String address,
        @Schema(example = "new york") String city,
        @Schema(example = "new york") String state,
        @Schema(example = "12345") String postalCode,
        @Schema(example = "us") String country,
        String description,
        @Schema(example = "2025-01-02T09:35:39.032Z") String createdAt,
        @Schema(example = "2025-01-02T09:35:39.032Z") String updatedAt) {
}
