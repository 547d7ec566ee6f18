package io.liaison.error;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Refuses the unknown fields of {@link KnownFieldsOnly} bodies. Other bodies keep Jackson's lenient
 * default, so this applies feature by feature.
 */
@Singleton
public class UnknownFields implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.addHandler(new DeserializationProblemHandler() {
            @Override
            public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p, JsonDeserializer<?> deserializer,
                    Object beanOrClass, String propertyName) throws IOException {
                Class<?> type = beanOrClass instanceof Class<?> c ? c : beanOrClass.getClass();
                if (type.isAnnotationPresent(KnownFieldsOnly.class)) {
                    throw UnrecognizedPropertyException.from(p, beanOrClass, propertyName,
                            deserializer == null ? null : deserializer.getKnownPropertyNames());
                }
                return false;
            }
        });
    }

    /** 422 naming the unknown field by its JSON path and listing the fields that exist there. */
    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        String known = e.getKnownPropertyIds() == null ? "" : "; the fields here are " + e.getKnownPropertyIds().stream()
                .map(Object::toString).sorted().collect(Collectors.joining(", "));
        return ErrorMappers.respond(422, List.of(path + " is not a field Liaison accepts here" + known), "UNKNOWN_FIELD", path, null);
    }
}
