package io.liaison.object;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.neo4j.driver.Value;
import org.neo4j.driver.types.Node;

/**
 * How an object is stored: an {@code (:ObjectSchema)} node read as an {@link ObjectSchema}, and field
 * lists kept as JSON text (Neo4j properties cannot hold maps). Shared by the repositories that read
 * objects, so that a record write can read its object under the lock it takes.
 */
@ApplicationScoped
public class SchemaNodes {

    private static final TypeReference<List<ObjectField>> FIELDS = new TypeReference<>() {
    };

    private final ObjectMapper json;

    public SchemaNodes(ObjectMapper json) {
        this.json = json;
    }

    ObjectSchema toSchema(Node o) {
        return ObjectSchema.builder().id(str(o, "id")).locationId(str(o, "locationId")).key(str(o, "key"))
                .graphLabel(str(o, "graphLabel")).singular(str(o, "singular")).plural(str(o, "plural")).description(str(o, "description"))
                .primaryDisplayProperty(str(o, "primaryDisplayProperty")).fields(fields(str(o, "fields")))
                .searchableProperties(o.get("searchableProperties").isNull() ? List.of() : o.get("searchableProperties").asList(Value::asString))
                .createdAt(o.get("createdAt").isNull() ? null : o.get("createdAt").asZonedDateTime())
                .updatedAt(o.get("updatedAt").isNull() ? null : o.get("updatedAt").asZonedDateTime()).folderName(str(o, "folderName")).build();
    }

    List<ObjectField> fields(String stored) {
        if (stored == null) {
            return List.of();
        }
        try {
            return List.copyOf(json.readValue(stored, FIELDS));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored object fields are not JSON", e);
        }
    }

    String fieldsJson(List<ObjectField> fields) {
        try {
            return json.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String str(Node node, String key) {
        Value v = node.get(key);
        return v.isNull() ? null : v.asString();
    }
}
