package io.liaison.error;

import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.List;

/**
 * JAX-RS answers 404 when a query parameter cannot be converted ({@code ?limit=ten}). The client
 * chose that value, so Liaison answers 422 naming the parameter instead.
 */
@Provider
public class NumericQueryParams implements ParamConverterProvider {

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        if (rawType != Integer.class && rawType != Long.class) {
            return null;
        }
        String name = "query parameter";
        for (Annotation annotation : annotations) {
            if (annotation instanceof QueryParam query) {
                name = query.value();
            }
        }
        String field = name;
        boolean integer = rawType == Integer.class;
        return (ParamConverter<T>) new ParamConverter<Object>() {
            @Override
            public Object fromString(String value) {
                if (value == null || value.isBlank()) {
                    return null;
                }
                try {
                    return integer ? (Object) Integer.valueOf(value.strip()) : (Object) Long.valueOf(value.strip());
                } catch (NumberFormatException e) {
                    throw new WebApplicationException(ErrorMappers.respond(422, List.of(field + " must be a whole number"),
                            "VALIDATION_FAILED", field, null));
                }
            }

            @Override
            public String toString(Object value) {
                return value == null ? null : value.toString();
            }
        };
    }
}
