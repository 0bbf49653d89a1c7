package io.osloscope.app.fx;

/**
 * Every view of the main window: the tab or pane title it carries, its keyboard shortcut, and the FXML that lays
 * it out (loaded with {@link ViewLoader}). Views drawn by a custom control (the topology
 * graph) have no FXML. This enum is the index of the app's views.
 */
public enum Views {
    MAIN("Osloscope", "", "/io/osloscope/app/shell/MainWindow.fxml"),
    TOPOLOGY("Topology", "Ctrl+1", null),
    PLAYGROUND("Routing playground", "Ctrl+2", "/io/osloscope/app/playground/RoutingPlaygroundView.fxml"),
    STREAM("Message stream", "Ctrl+F focuses search", "/io/osloscope/app/traffic/TrafficView.fxml"),
    INSPECTOR("Inspector", "click a row", "/io/osloscope/app/message/InspectorView.fxml"),
    FIRE("Fire", "Ctrl+Enter fires", "/io/osloscope/app/fire/FireView.fxml"),
    SIMULATION("Simulation", "F6 pause, F7 step", "/io/osloscope/app/scenario/SimControlsView.fxml"),
    CONNECT("RabbitMQ", "", "/io/osloscope/app/sniff/ConnectView.fxml"),
    LESSON("Lesson", "Space next step", "/io/osloscope/app/lesson/LessonView.fxml"),
    TRACE("Trace", "choose a request", "/io/osloscope/app/trace/TraceView.fxml"),
    REPLY_QUEUES("Reply queues", "", "/io/osloscope/app/sniff/ReplyQueuesView.fxml");

    private final String title;
    private final String shortcut;
    private final String fxml;

    Views(String title, String shortcut, String fxml) {
        this.title = title;
        this.shortcut = shortcut;
        this.fxml = fxml;
    }

    /** The class-path resource of this view's FXML, or null for a view drawn entirely by a custom control. */
    public String fxml() {
        return fxml;
    }

    /**
     * The tab or pane title in the window's language ({@code view.<name>} of {@code Views.properties}); tabs
     * are added and found by this title, so both sides agree in either language.
     */
    public String title() {
        return Texts.of(Views.class).getOr("view." + name().toLowerCase(java.util.Locale.ROOT),
                title);
    }

    public String shortcut() {
        return shortcut;
    }
}
