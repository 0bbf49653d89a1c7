package io.osloscope.app.shell;

import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a PNG of a scene. FX thread. */
public final class Screenshot {
    private Screenshot() {
    }

    public static void write(Scene scene, Path file) throws IOException {
        WritableImage image = scene.snapshot(null);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile())) {
            throw new IOException("no PNG writer available");
        }
    }

    /**
     * Writes the PNG for a {@code --screenshot} run and says what happened in one line (the path on stdout, or why
     * not on stderr); returns the process exit code for it, 0 or 1.
     */
    public static int writeReporting(Scene scene, Path file) {
        try {
            write(scene, file);
            System.out.println("osloscope: wrote " + file.toAbsolutePath());
            return 0;
        } catch (Exception ex) {
            System.err.println("osloscope: screenshot failed: " + ex.getMessage());
            return 1;
        }
    }
}
