package io.osloscope.app.fx;

import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.util.Callback;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Loads a view's FXML with its controller. Controllers are never created by FXMLLoader's reflection on a
 * no-argument constructor: the caller (the composition root, or the view that owns the view model) hands a
 * controller factory, so controllers get their view model through their constructor.
 *
 * <p>Texts written {@code %key} in the FXML come from a bundle named like the FXML file
 * ({@code TrafficView.fxml} reads {@code TrafficView.properties} beside it) when one exists. FX thread.
 */
public final class ViewLoader {
    private ViewLoader() {
    }

    /** The root node and the controller of one loaded view. */
    public record Loaded<R extends Parent, C>(R root, C controller) {
    }

    /** Loads {@code fxml} (a class-path resource such as {@code /io/osloscope/app/traffic/TrafficView.fxml}). */
    public static <R extends Parent, C> Loaded<R, C> load(String fxml, Callback<Class<?>, Object> controllers) {
        URL url = ViewLoader.class.getResource(fxml);
        if (url == null) {
            throw new IllegalArgumentException("no view at " + fxml);
        }
        FXMLLoader loader = new FXMLLoader(url, bundleFor(fxml));
        loader.setControllerFactory(type -> {
            Object c = controllers.call(type);
            if (c == null) {
                throw new IllegalStateException(fxml + " asks for controller " + type.getName() + ", which was not given");
            }
            return c;
        });
        try {
            R root = loader.load();
            return new Loaded<>(root, loader.getController());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load view " + fxml, e);
        }
    }

    /** Loads {@code fxml} whose {@code fx:controller} is {@code controller}'s class (or a supertype of it). */
    public static <R extends Parent, C> Loaded<R, C> load(String fxml, C controller) {
        return load(fxml, type -> type.isInstance(controller) ? controller : null);
    }

    private static ResourceBundle bundleFor(String fxml) {
        String base = fxml.replaceFirst("^/", "").replaceFirst("\\.fxml$", "").replace('/', '.');
        try {
            return ResourceBundle.getBundle(base, Texts.language());
        } catch (MissingResourceException e) {
            return null;
        }
    }
}
