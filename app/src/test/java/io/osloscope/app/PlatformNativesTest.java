package io.osloscope.app;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The jar runs where the README says: JavaFX's graphics natives of each platform it names are on the app's class
 * path, which is what the shade plugin packs into {@code osloscope.jar} (at the jar's root, where JavaFX looks for
 * them), and each is built for the architecture claimed. By default Linux x86-64, Windows x86-64 and Apple Silicon;
 * the pom's {@code mac-intel} and {@code linux-aarch64} profiles swap one, and tell this test through
 * {@code -Dosloscope.natives} (the classifiers packed).
 */
class PlatformNativesTest {
    /** ELF e_machine, PE machine and Mach-O cputype of each classifier's libraries. */
    private static final Map<String, Integer> ARCH = Map.of("linux", NativesCheck.ELF_X86_64,
            "linux-aarch64", NativesCheck.ELF_AARCH64, "win", NativesCheck.PE_X86_64, "mac", NativesCheck.MACHO_X86_64,
            "mac-aarch64", NativesCheck.MACHO_ARM64);
    private static final Map<String, List<String>> LIBS = Map.of(
            "linux", List.of("libprism_es2.so", "libglassgtk3.so"),
            "linux-aarch64", List.of("libprism_es2.so", "libglassgtk3.so"),
            "win", List.of("prism_d3d.dll", "glass.dll"),
            "mac", List.of("libprism_es2.dylib", "libglass.dylib"),
            "mac-aarch64", List.of("libprism_es2.dylib", "libglass.dylib"));

    @Test
    void theNativesOfEachPlatformAreThereForTheArchitectureClaimed() throws IOException {
        String packed = System.getProperty("osloscope.natives", "linux,win,mac-aarch64");
        List<String> classifiers = List.of(packed.split(","));
        assertEquals(3, classifiers.size(), "one classifier per system: " + packed);
        for (String classifier : classifiers) {
            assertTrue(ARCH.containsKey(classifier), "unknown classifier " + classifier);
            for (String lib : LIBS.get(classifier)) {
                try (InputStream in = PlatformNativesTest.class.getResourceAsStream("/" + lib)) {
                    assertNotNull(in, lib + " is missing from the class path");
                    assertEquals(ARCH.get(classifier), NativesCheck.machine(in.readNBytes(4096)),
                            lib + " is not built for " + classifier);
                }
            }
        }
    }

    @Test
    void aMacOfTheOtherArchitectureIsToldInOneLineWhichJarToBuild() {
        List<String> packed = List.of(System.getProperty("osloscope.natives", "linux,win,mac-aarch64").split(","));
        boolean appleSilicon = packed.contains("mac-aarch64");
        String problem = NativesCheck.mismatch("Mac OS X", appleSilicon ? "x86_64" : "aarch64").orElseThrow();
        assertTrue(problem.contains(appleSilicon ? "macOS on ARM" : "macOS on x86-64"), problem);
        assertTrue(NativesCheck.mismatch("Mac OS X", appleSilicon ? "aarch64" : "x86_64").isEmpty());
        assertTrue(NativesCheck.mismatch("Linux", "amd64").isEmpty());
        assertEquals(packed.contains("linux-aarch64"), NativesCheck.mismatch("Linux", "aarch64").isEmpty());
    }
}
