package io.osloscope.app;

import io.osloscope.app.cli.CliMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LauncherTest {
    @Test
    void windowArgumentsAreNeverACommandLineSoTheLauncherNeedNotAskTheCommandLineFirst() {
        for (List<String> window : List.of(List.<String>of(), List.of("--screenshot", "s.png"), List.of("--computes=5"),
                List.of("--computes", "3", "--screenshot=a.png"), List.of("--connect", "rabbit://h/", "--screenshot", "c.png"),
                List.of("--open", "../assets/recordings/real-nova-boot.jsonl"))) {
            AppOptions.parse(window);
            assertFalse(CliMain.handles(window.toArray(String[]::new)), window.toString());
        }
        for (List<String> cli : List.of(List.of("call", "compute", "ping"), List.of("--help"), List.of("help"),
                List.of("bench"), List.of("--version"), List.of("trace", "f.jsonl"))) {
            assertThrows(IllegalArgumentException.class, () -> AppOptions.parse(cli), cli.toString());
            assertTrue(CliMain.handles(cli.toArray(String[]::new)), cli.toString());
        }
    }

    @Test
    void verboseIsAGlobalOptionTakenOutBeforeTheWindowOrACommandSeesTheArguments() {
        org.junit.jupiter.api.Assertions.assertArrayEquals(new String[]{"call", "--topic", "t", "ping"},
                Launcher.withoutVerbose(new String[]{"--verbose", "call", "--topic", "t", "-v", "ping"}));
        org.junit.jupiter.api.Assertions.assertArrayEquals(new String[]{"--computes", "2"},
                Launcher.withoutVerbose(new String[]{"--computes", "2"}));
    }

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
