package io.osloscope.app.topology.model;

/** How a message is drawn: each kind has its own shape and label, not only its own colour. */
public enum MessageKind {
    CALL("call"), CAST("cast"), FANOUT("fanout"), REPLY("reply"), FAILURE("failure"), TIMEOUT("timeout"),
    OTHER("message");

    private final String label;

    MessageKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** CSS style class, e.g. {@code kind-call}. */
    public String styleClass() {
        return "kind-" + name().toLowerCase(java.util.Locale.ROOT);
    }
}
