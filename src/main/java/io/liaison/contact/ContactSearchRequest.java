package io.liaison.contact;

import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** HighLevel's SearchBodyV2DTO, the parts Liaison answers: free text and paging. */
@Schema(name = "ContactSearchRequest")
public record ContactSearchRequest(
        @Schema(example = "ve9EPM428h8vShlRW1KT") @Size(max = 64) String locationId,
        @Schema(example = "rosan", description = "Matches name, email, phone and company, case-insensitively") @Size(max = 200) String query,
        @Schema(example = "1", description = "1-based page; use searchAfter past 10,000 results") Integer page,
        @Schema(example = "20", description = "Page size, 1 to 100 (default 20)") Integer pageLimit,
        @Schema(description = "The searchAfter of the last contact of the previous page", example = "[1690000000000, \"seD4PfOuKoVMLkEZqohJ\"]")
        @Size(max = 2) List<Object> searchAfter) {
}
