package io.osloscope.app;

import io.osloscope.engine.testsupport.PackageCycles;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** No import cycle between the app' packages (main sources). */
class PackageCyclesTest {
    @Test
    void packagesDependOneWay() {
        List<String> cycles = PackageCycles.cycles(Path.of("src/main/java"));
        assertEquals(List.of(), cycles, String.join("\n", cycles));
    }
}
