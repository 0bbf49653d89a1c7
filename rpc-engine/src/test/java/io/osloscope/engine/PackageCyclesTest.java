package io.osloscope.engine;

import io.osloscope.engine.testsupport.PackageCycles;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** No import cycle between the engine's packages (main sources). */
class PackageCyclesTest {
    @Test
    void packagesDependOneWay() {
        Path main = Path.of("src/main/java");
        assertEquals(Set.of(), PackageCycles.cycleNames(main), String.join("\n", PackageCycles.cycles(main)));
    }
}
