package io.liaison.contact;

import com.fasterxml.jackson.databind.JsonNode;
import io.liaison.error.KnownFieldsOnly;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * HighLevel's advanced contact search body (SearchBodyV2DTO): free text, filters (conditions and
 * AND/OR groups), sort, and page/pageLimit or searchAfter. Any part Liaison does not run is refused
 * with 422 naming it.
 */
@Schema(name = "ContactSearchRequest")
@KnownFieldsOnly
record ContactSearchRequest(
        @Schema(example = "ve9EPM428h8vShlRW1KT") @Size(max = 64) String locationId,
        @Schema(example = "rosan", description = "Matches name, email, phone and company, case-insensitively") @Size(max = 200) String query,
        @Schema(example = "1", description = "1-based page; leave out with searchAfter; at most 10,000 results deep") Integer page,
        @Schema(example = "20", description = "Page size, 1 to 500 as in HighLevel (default 20)") Integer pageLimit,
        @Schema(description = "The searchAfter of the last contact of the previous page: its sort values, then its id",
                example = "[1690000000000, \"seD4PfOuKoVMLkEZqohJ\"]")
        @Size(max = 3) List<Object> searchAfter,
        @Schema(description = "Conditions {field, operator, value} and groups {group: AND|OR, filters: [...]}, all of which must hold",
                example = "[{\"field\": \"email\", \"operator\": \"eq\", \"value\": \"rosan@deos.com\"}]", implementation = Object[].class)
        @Size(max = ContactFilters.MAX_CONDITIONS) List<JsonNode> filters,
        @Schema(description = "At most two sort fields; ties are broken by id", example = "[{\"field\": \"dateAdded\", \"direction\": \"desc\"}]")
        @Size(max = 2) List<@Valid SortBody> sort) {

    @Schema(name = "ContactSearchSort")
    @KnownFieldsOnly
    public record SortBody(
            @Schema(example = "dateAdded", description = "dateAdded, dateUpdated, firstNameLowerCase, lastNameLowerCase, "
                    + "fullNameLowerCase, email, companyName or dateOfBirth") @Size(max = 100) String field,
            @Schema(example = "desc", enumeration = {"asc", "desc"}) @Size(max = 4) String direction) {
    }
}
