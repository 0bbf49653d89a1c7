package io.osloscope.app.shell;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StartupClassesTest {
    @Test
    void theListStillNamesClassesTheWindowHas() {
        List<String> names = StartupClasses.names();
        assertTrue(names.size() > 1000, "list of " + names.size());
        long found = names.stream().filter(StartupClassesTest::exists).count();
        // NOTE(perf): a few stale names are harmless; many mean the list should be written again (StartupClassList)
        assertTrue(found >= names.size() * 0.9, found + " of " + names.size() + " classes still exist");
        assertTrue(names.contains(MainWindow.class.getName()));
    }

    @Test
    void theListKeepsTheFxAndRenderThreadsLoadsInOrderWithoutHiddenOrSharedClasses() {
        List<String> log = List.of(
                "[0.030s][11] java.lang.Object source: shared objects file",
                "[1.000s][12] a.Backend source: file:/x.jar",
                "[1.100s][13] javafx.scene.Scene source: file:/x.jar",
                "[1.200s][13] io.osloscope.app.shell.MainWindow source: file:/x.jar",
                "[1.300s][13] a.Lambda$$Lambda$12/0x0000000800c0 source: a.Lambda",
                "[1.310s][13] java.lang.invoke.LambdaForm$MH/0x0000000800c1 source: __JVM_LookupDefineClass__",
                "[1.320s][13] java.util.ArrayList source: shared objects file",
                "[1.400s][13] javafx.scene.control.TabPane source: file:/x.jar",
                "[1.500s][12] a.Other source: file:/x.jar",
                "[1.600s][14] com.sun.prism.Graphics source: file:/x.jar",
                "[1.700s][14] com.sun.marlin.Renderer source: file:/x.jar",
                "[2.500s][13] late.Class source: file:/x.jar");
        assertEquals(List.of("javafx.scene.Scene", "io.osloscope.app.shell.MainWindow",
                "javafx.scene.control.TabPane", "com.sun.prism.Graphics", "com.sun.marlin.Renderer"),
                StartupClassList.fxThreadClasses(log, 2.0));
    }

    private static boolean exists(String name) {
        try {
            Class.forName(name, false, StartupClassesTest.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
