package io.osloscope.app.shell;

import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.stage.FileChooser;

import java.io.File;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ResourceBundle;
import java.util.function.BiConsumer;

/**
 * File → Export: the topology and the selected message's flow as PNG or SVG, the flow also as an animated GIF,
 * for slides. Each asks where to write, then says in the banner what it wrote or why it could not. FX thread.
 */
final class Exports {
    private Exports() {
    }

    static Menu menu(MainWindow w, ResourceBundle t) {
        Menu export = new Menu(t.getString("menu.file.export"), WindowMenu.icon(org.kordamp.ikonli.feather.Feather.DOWNLOAD));
        export.setId("menuExport");
        export.getItems().addAll(
                item(w, t, "menu.file.exportTopologyPng", "osloscope-topology.png", (x, f) -> topology(w).exportPng(f)),
                item(w, t, "menu.file.exportTopologySvg", "osloscope-topology.svg", (x, f) -> topology(w).exportSvg(f)),
                item(w, t, "menu.file.exportFlowPng", "osloscope-flow.png", (x, f) -> flow(w, t).exportPng(f)),
                item(w, t, "menu.file.exportFlowSvg", "osloscope-flow.svg", (x, f) -> flow(w, t).exportSvg(f)),
                item(w, t, "menu.file.exportFlowGif", "osloscope-flow.gif", (x, f) -> flow(w, t).exportGif(f)));
        return export;
    }

    private static MenuItem item(MainWindow w, ResourceBundle t, String key, String fileName,
                                 BiConsumer<MainWindow, Path> write) {
        MenuItem item = new MenuItem(t.getString(key));
        item.setId(key.substring(key.lastIndexOf('.') + 1));
        item.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setInitialFileName(fileName);
            String ext = fileName.substring(fileName.lastIndexOf('.'));
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(ext.substring(1).toUpperCase(), "*" + ext));
            File file = chooser.showSaveDialog(w.getRoot().getScene().getWindow());
            if (file != null) {
                write(w, t, file.toPath(), write);
            }
        });
        return item;
    }

    /** Writes {@code file} and says so in the banner; a failure is one line there, not a dialog. */
    static void write(MainWindow w, ResourceBundle t, Path file, BiConsumer<MainWindow, Path> write) {
        try {
            write.accept(w, file);
            w.notifier().info(MessageFormat.format(t.getString("export.written"), file));
        } catch (RuntimeException ex) {
            w.notifier().info(MessageFormat.format(t.getString("export.failed"), ex.getMessage()));
        }
    }

    private static io.osloscope.app.topology.TopologyView topology(MainWindow w) {
        if (w.topology() == null) {
            throw new IllegalStateException("the topology is not drawn yet");
        }
        return w.topology();
    }

    private static io.osloscope.app.sequence.SequenceView flow(MainWindow w, ResourceBundle t) {
        if (w.sequence() == null || w.sequence().diagram().steps().isEmpty()) {
            throw new IllegalStateException(t.getString("export.noFlow"));
        }
        return w.sequence();
    }
}
