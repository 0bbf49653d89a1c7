package io.osloscope.app.sniff;

/** Starts {@link SniffScreenshot} from the class path (a main outside an Application subclass). */
public final class SniffScreenshotMain {
    private SniffScreenshotMain() {
    }

    public static void main(String[] args) {
        javafx.application.Application.launch(SniffScreenshot.class, args);
    }
}
