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
        return new ObjectSchema(str(o, "id"), str(o, "locationId"), str(o, "key"), str(o, "graphLabel"), str(o, "singular"),
                str(o, "plural"), str(o, "description"), str(o, "primaryDisplayProperty"), fields(str(o, "fields")),
                o.get("searchableProperties").isNull() ? List.of() : o.get("searchableProperties").asList(Value::asString),
                o.get("createdAt").isNull() ? null : o.get("createdAt").asZonedDateTime(),
                o.get("updatedAt").isNull() ? null : o.get("updatedAt").asZonedDateTime(), str(o, "folderName"));
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
