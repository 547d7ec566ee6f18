package io.liaison.error;

import java.util.List;
import java.util.Map;

/**
 * A failure the client can act on. Services throw the specific subclasses; one mapper turns every
 * one of them into {@link ErrorBody}, so no resource builds an error body by hand.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final String param;
    private final transient Map<String, Object> details;
    private final List<String> problems;
    private final transient Map<String, Object> meta;

    public ApiException(int status, String code, String message, String param, Map<String, Object> details) {
        this(status, code, message, param, details, List.of());
    }

    protected ApiException(int status, String code, String message, String param, Map<String, Object> details,
            List<String> problems) {
        this(status, code, message, param, details, problems, null);
    }

    protected ApiException(int status, String code, String message, String param, Map<String, Object> details,
            List<String> problems, Map<String, Object> meta) {
        super(message, null, false, false);
        this.meta = meta;
        this.status = status;
        this.code = code;
        this.param = param;
        this.details = details;
        this.problems = List.copyOf(problems);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String param() {
        return param;
    }

    public Map<String, Object> details() {
        return details;
    }

    /** HighLevel's {@code meta} for this failure, where HighLevel sends one; else null. */
    public Map<String, Object> meta() {
        return meta;
    }

    /** For 422: the field problems, each naming its field. */
    public List<String> problems() {
        return problems;
    }
}
