package io.osloscope.app;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;

/** The inspector window. */
public final class InspectorApp extends Application {
    @Override
    public void start(Stage stage) {
        BorderPane root = new BorderPane(new Label("Osloscope"));
        stage.setTitle("Osloscope");
        stage.setScene(new Scene(root, 1280, 800));
        stage.show();
    }
}
