package io.liaison.error;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * Refuses the unknown fields of {@link KnownFieldsOnly} bodies. Other bodies keep Jackson's lenient
 * default, so this applies feature by feature. The refusal is answered by {@link JsonErrors} (422
 * UNKNOWN_FIELD naming the field by its JSON path).
 */
@Singleton
class UnknownFields implements ObjectMapperCustomizer {

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
}
