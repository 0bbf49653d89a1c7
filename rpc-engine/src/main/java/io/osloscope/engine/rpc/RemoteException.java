package io.osloscope.engine.rpc;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Thrown by an endpoint method to choose exactly what the caller sees: oslo's failure
 * {@code class} and {@code module} (e.g. {@code InstanceNotFound} in {@code nova.exception}),
 * {@code message} and {@code kwargs}. A Python caller that allows the module re-raises it as
 * {@code <class>_Remote}; others get {@code RemoteError}.
 */
public class RemoteException extends RuntimeException {
    private final String className;
    private final String module;
    private final Map<String, Object> kwargs;

    public RemoteException(String className, String module, String message, Map<String, Object> kwargs) {
        super(message);
        this.className = className;
        this.module = module;
        this.kwargs = kwargs == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(kwargs));
    }

    public String className() {
        return className;
    }

    public String module() {
        return module;
    }

    public Map<String, Object> kwargs() {
        return kwargs;
    }
}
