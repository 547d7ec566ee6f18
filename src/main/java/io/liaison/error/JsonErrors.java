package io.liaison.error;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a JSON document that parsed but does not fit its body type answers, in one place: a whole request
 * body (through {@link ErrorMappers}) and one item of a bulk body (through bulk/Bulk) alike.
 */
public final class JsonErrors {
    private JsonErrors() {
    }

    /**
     * An unknown field of a {@link KnownFieldsOnly} body is a 422 UNKNOWN_FIELD naming it and the fields that
     * exist there; a value of the wrong type a 422 naming its field; a document that is not an object of
     * the body's shape at all a 400.
     */
    public static ApiException of(JsonMappingException e) {
        String path = path(e);
        if (e instanceof UnrecognizedPropertyException unknown) {
            String known = unknown.getKnownPropertyIds() == null ? "" : "; the fields here are " + unknown.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", "));
            return new Errors.UnknownField(path, path + " is not a field Liaison accepts here" + known);
        }
        if (path.isEmpty()) {
            return new Errors.BadRequest("MALFORMED_JSON", "The request body is not a JSON object of the expected shape", null);
        }
        if (e instanceof MismatchedInputException) {
            return Errors.ValidationFailed.of(path, "has the wrong type");
        }
        return new Errors.ValidationFailed(List.of(path + " could not be read"), path);
    }

    /** The field's JSON path: "contacts[0].email". */
    static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }
}
