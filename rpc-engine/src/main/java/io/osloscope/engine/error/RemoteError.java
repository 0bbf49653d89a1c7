package io.osloscope.engine.error;

import java.util.List;
import java.util.Map;

/**
 * The remote endpoint raised an exception; this carries oslo's failure payload intact
 * ({@code class}, {@code module}, {@code message}, {@code tb}, {@code kwargs}). A trailing
 * {@code _Remote} on both class and module is stripped, as oslo does; nothing is renamed otherwise.
 * {@link #toString()} reads like oslo's: {@code Remote error: <class> <message>}.
 */
public class RemoteError extends MessagingException {
    private final String excType;
    private final String module;
    private final String value;
    private final List<String> traceback;
    private final Map<String, Object> kwargs;

    public RemoteError(String excType, String module, String value, List<String> traceback,
                       Map<String, Object> kwargs) {
        super("Remote error: " + excType + " " + value);
        this.excType = excType;
        this.module = module;
        this.value = value;
        this.traceback = traceback == null ? List.of() : List.copyOf(traceback);
        this.kwargs = kwargs == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(kwargs));
    }

    /** The remote exception class name, e.g. {@code InstanceNotFound} or {@code NoSuchMethod}. */
    public String excType() {
        return excType;
    }

    /** The remote exception's module, e.g. {@code nova.exception} or {@code oslo_messaging.rpc.dispatcher}. */
    public String module() {
        return module;
    }

    /** The remote exception's message ({@code str(exc)}). */
    public String value() {
        return value;
    }

    /** The remote traceback lines as sent in {@code tb}. */
    public List<String> traceback() {
        return traceback;
    }

    /** The remote exception's keyword arguments ({@code kwargs}), empty when none. */
    public Map<String, Object> kwargs() {
        return kwargs;
    }

    /** {@code module.class}, or just the class when the module is empty. */
    public String qualifiedType() {
        return module == null || module.isEmpty() ? excType : module + "." + excType;
    }

    @Override
    public String toString() {
        return getMessage();
    }
}
