package io.liaison.location;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.neo4j.driver.types.Node;

/** A location (HighLevel's sub-account): the tenant every record belongs to. */
@Schema(name = "Location")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Location(
        @Schema(example = "ve9EPM428h8vShlRW1KT") String id,
        @Schema(example = "UAXssdawIWAWD") String companyId,
        @Schema(example = "Mark Shoes") String name,
        String phone, String email, String address, String city, String state, String country,
        String postalCode, String website, String timezone, String dateAdded) {

    static Location from(Node node) {
        Map<String, Object> p = node.asMap();
        return new Location(str(p, "id"), str(p, "companyId"), str(p, "name"), str(p, "phone"), str(p, "email"),
                str(p, "address"), str(p, "city"), str(p, "state"), str(p, "country"), str(p, "postalCode"),
                str(p, "website"), str(p, "timezone"), str(p, "dateAdded"));
    }

    private static String str(Map<String, Object> p, String key) {
        Object value = p.get(key);
        return value == null ? null : value.toString();
    }
}
