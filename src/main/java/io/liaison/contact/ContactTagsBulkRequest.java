package io.liaison.contact;

import io.liaison.error.KnownFieldsOnly;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * HighLevel's UpdateTagsDTO (POST /contacts/bulk/tags/update/{type}). Each contact id is judged on its
 * own, so a bad one fails at its place in the answer rather than the whole request.
 */
@KnownFieldsOnly
@Schema(name = "UpdateTagsDTO")
record ContactTagsBulkRequest(
        @Schema(required = true, description = "1 to 1000 contact ids", example = "[\"qFSqySFkVvNzOSqgGqFi\"]") List<String> contacts,
        @Schema(required = true, description = "The tags to add or remove; may be empty when removeAllTags is true", example = "[\"vip\"]")
        @Size(max = ContactService.MAX_TAGS) List<@NotBlank @Size(max = ContactService.MAX_TAG_LENGTH) String> tags,
        @Schema(required = true, example = "ve9EPM428h8vShlRW1KT") @Size(max = 64) String locationId,
        @Schema(description = "With type remove only: remove every tag of the contacts") Boolean removeAllTags) {
}
