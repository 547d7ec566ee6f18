package io.liaison.error;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The request bodies' Bean Validation constraints, applied to one item of a bulk request or one CSV
 * line, so each is judged by exactly the annotations its single endpoint uses, and fails alone.
 */
@ApplicationScoped
public class BeanValidation {

    private final Validator validator;

    public BeanValidation(Validator validator) {
        this.validator = validator;
    }

    /** Throws 422 naming each field at fault, as the single endpoint would. */
    public void check(Object body) {
        Set<ConstraintViolation<Object>> violations = validator.validate(body);
        if (violations.isEmpty()) {
            return;
        }
        List<ConstraintViolation<Object>> sorted = violations.stream().sorted(Comparator.comparing(BeanValidation::field)).toList();
        List<String> problems = sorted.stream().map(v -> field(v) + " " + v.getMessage()).distinct().toList();
        throw new Errors.ValidationFailed(problems, field(sorted.get(0)));
    }

    private static String field(ConstraintViolation<?> violation) {
        return violation.getPropertyPath().toString().replaceAll("\\.?<[^>]*>", "");
    }
}
