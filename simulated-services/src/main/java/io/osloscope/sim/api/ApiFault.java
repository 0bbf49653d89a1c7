package io.osloscope.sim.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.osloscope.sim.nova.objects.Json;

/**
 * A nova-style REST error: the HTTP code and the fault name of nova's {@code wsgi.Fault}
 * ({@code badRequest}, {@code itemNotFound}, {@code conflictingRequest}, ...).
 */
public final class ApiFault extends RuntimeException {
    private final int code;
    private final String name;

    public ApiFault(int code, String name, String message) {
        super(message);
        this.code = code;
        this.name = name;
    }

    public static ApiFault badRequest(String message) {
        return new ApiFault(400, "badRequest", message);
    }

    public static ApiFault notFound(String message) {
        return new ApiFault(404, "itemNotFound", message);
    }

    public static ApiFault conflict(String message) {
        return new ApiFault(409, "conflictingRequest", message);
    }

    public static ApiFault computeFault(String message) {
        return new ApiFault(500, "computeFault", message);
    }

    public int code() {
        return code;
    }

    public String name() {
        return name;
    }

    /** {@code {"<name>": {"code": <code>, "message": "<message>"}}}. */
    public ObjectNode body() {
        ObjectNode b = Json.object();
        ObjectNode inner = b.putObject(name);
        inner.put("code", code);
        inner.put("message", getMessage());
        return b;
    }
}
