package io.osloscope.engine.sniff.decode;

import java.util.List;

/**
 * A remote exception as oslo serializes it into a reply's {@code failure} string: class name, module,
 * message text and the server-side traceback lines. Fields a sender left out are null (tb: empty).
 * When the failure string was not JSON, {@code className} is null and {@code message} holds the raw text.
 */
public record RemoteFailure(String className, String module, String message, List<String> traceback) {
    public RemoteFailure {
        traceback = traceback == null ? List.of() : List.copyOf(traceback);
    }

    /** {@code module.Class}, or whichever of the two is known, or "unknown". */
    public String qualifiedName() {
        if (className == null && module == null) {
            return "unknown";
        }
        if (module == null || module.isEmpty()) {
            return className;
        }
        return className == null ? module : module + "." + className;
    }
}
