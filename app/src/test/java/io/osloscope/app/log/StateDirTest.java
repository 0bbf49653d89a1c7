package io.osloscope.app.log;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StateDirTest {
    @Test
    void linuxFollowsXdgStateHome() {
        assertEquals(Path.of("/xdg/state/osloscope"),
                StateDir.logDirectory(null, "Linux", "/home/u", Map.of("XDG_STATE_HOME", "/xdg/state")));
        assertEquals(Path.of("/home/u/.local/state/osloscope"), StateDir.logDirectory(null, "Linux", "/home/u", Map.of()));
        assertEquals(Path.of("/home/u/.local/state/osloscope"),
                StateDir.logDirectory(null, "Linux", "/home/u", Map.of("XDG_STATE_HOME", "relative/ignored")));
    }

    @Test
    void macAndWindowsUseTheirLogFolders() {
        assertEquals(Path.of("/Users/u/Library/Logs/Osloscope"), StateDir.logDirectory(null, "Mac OS X", "/Users/u", Map.of()));
        assertEquals(Path.of("/appdata/local", "Osloscope", "logs"),
                StateDir.logDirectory(null, "Windows 11", "/home/u", Map.of("LOCALAPPDATA", "/appdata/local")));
    }

    @Test
    void thePropertyWins() {
        assertEquals(Path.of("/tmp/logs"), StateDir.logDirectory("/tmp/logs", "Linux", "/home/u",
                Map.of("XDG_STATE_HOME", "/xdg")));
    }
}
