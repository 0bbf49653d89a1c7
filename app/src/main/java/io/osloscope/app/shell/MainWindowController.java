package io.osloscope.app.shell;

import io.osloscope.app.fx.Views;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import org.controlsfx.control.StatusBar;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.Objects;

/**
 * Controller of {@code MainWindow.fxml}: binds the status bar to the {@link StatusViewModel} and hands the
 * shell's slots, tabs and split panes to {@link MainWindow}, which puts the views in. FX thread.
 */
public final class MainWindowController {
    private final StatusViewModel status;

    @FXML private BorderPane root;
    @FXML private SplitPane outer;
    @FXML private SplitPane center;
    @FXML private SplitPane bottom;
    @FXML private TabPane leftTabs;
    @FXML private TabPane graphTabs;
    @FXML private Tab simulationTab;
    @FXML private Tab fireTab;
    @FXML private Tab topologyTab;
    @FXML private Tab playgroundTab;
    @FXML private StackPane simulationSlot;
    @FXML private StackPane fireSlot;
    @FXML private StackPane topologySlot;
    @FXML private StackPane playgroundSlot;
    @FXML private StackPane streamSlot;
    @FXML private StackPane inspectorSlot;
    @FXML private StatusBar statusBar;
    @FXML private Label statusCounts;

    public MainWindowController(StatusViewModel status) {
        this.status = Objects.requireNonNull(status);
    }

    @FXML
    private void initialize() {
        statusBar.textProperty().bind(status.leftProperty());
        statusCounts.textProperty().bind(status.rightProperty());
        simulationTab.setGraphic(new FontIcon(Feather.SLIDERS));
        fireTab.setGraphic(new FontIcon(Feather.SEND));
        topologyTab.setGraphic(new FontIcon(Feather.SHARE_2));
        playgroundTab.setGraphic(new FontIcon(Feather.SHUFFLE));
    }

    /** The tab that shows {@code view} in the shell, or null if the shell has no tab for it. */
    Tab tab(Views view) {
        return switch (view) {
            case SIMULATION -> simulationTab;
            case FIRE -> fireTab;
            case TOPOLOGY -> topologyTab;
            case PLAYGROUND -> playgroundTab;
            default -> null;
        };
    }

    /** The slot that holds {@code view}'s content, or null if the shell has none for it. */
    StackPane slot(Views view) {
        return switch (view) {
            case SIMULATION -> simulationSlot;
            case FIRE -> fireSlot;
            case TOPOLOGY -> topologySlot;
            case PLAYGROUND -> playgroundSlot;
            case STREAM -> streamSlot;
            case INSPECTOR -> inspectorSlot;
            default -> null;
        };
    }

    /** Puts {@code content} in {@code view}'s slot, replacing the placeholder or the previous content. */
    void fill(Views view, Node content) {
        slot(view).getChildren().setAll(content);
    }

    BorderPane root() { return root; }
    SplitPane outer() { return outer; }
    SplitPane center() { return center; }
    SplitPane bottom() { return bottom; }
    TabPane leftTabs() { return leftTabs; }
    TabPane graphTabs() { return graphTabs; }
}
