package io.osloscope.app;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The jar runs on Linux, Windows and macOS: JavaFX's graphics natives of each are on the app's class path, which
 * is what the shade plugin packs into {@code osloscope.jar} (at the jar's root, where JavaFX looks for them).
 */
class PlatformNativesTest {
    @Test
    void theNativesOfLinuxWindowsAndMacAreAllThere() {
        for (String lib : List.of("libprism_es2.so", "libglassgtk3.so", "prism_d3d.dll", "glass.dll",
                "libprism_es2.dylib", "libglass.dylib")) {
            assertNotNull(PlatformNativesTest.class.getResource("/" + lib), lib + " is missing from the class path");
        }
    }
}
