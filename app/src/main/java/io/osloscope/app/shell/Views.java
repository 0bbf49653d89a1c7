package io.osloscope.app.shell;

/** Every view of the main window, with the tab or pane title it carries and its keyboard shortcut. */
public enum Views {
    TOPOLOGY("Topology", "Ctrl+1"),
    PLAYGROUND("Routing playground", "Ctrl+2"),
    STREAM("Message stream", "Ctrl+F focuses search"),
    INSPECTOR("Inspector", "click a row"),
    FIRE("Fire", "Ctrl+Enter fires"),
    SIMULATION("Simulation", "F6 pause, F7 step");

    private final String title;
    private final String shortcut;

    Views(String title, String shortcut) {
        this.title = title;
        this.shortcut = shortcut;
    }

    public String title() {
        return title;
    }

    public String shortcut() {
        return shortcut;
    }
}
