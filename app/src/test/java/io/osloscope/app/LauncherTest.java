package io.osloscope.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LauncherTest {
    @Test
    void softwareRenderingOnlyOnLinuxWithoutAGpuDevice(@TempDir Path dev) throws IOException {
        assertTrue(Launcher.noGpuDevice("Linux", dev));
        assertFalse(Launcher.noGpuDevice("Mac OS X", dev));
        assertFalse(Launcher.noGpuDevice("Windows 11", dev));
        assertFalse(Launcher.noGpuDevice("Linux", dev.resolve("missing")), "no /dev at all: leave JavaFX alone");

        Files.createDirectory(dev.resolve("dri"));
        assertFalse(Launcher.noGpuDevice("Linux", dev), "a DRM device: JavaFX decides");
        Files.delete(dev.resolve("dri"));
        Files.createFile(dev.resolve("nvidiactl"));
        assertFalse(Launcher.noGpuDevice("Linux", dev), "the NVIDIA driver: JavaFX decides");
    }
}
