package io.osloscope.app;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;
import java.util.Optional;

/**
 * One line instead of JavaFX's UnsatisfiedLinkError when the jar's natives are for the other architecture of this
 * system (the default jar on an Intel Mac, or on ARM Linux): the jar holds one per system, see the README.
 * Only those two cases read a header; x86-64 Linux and Windows pay nothing.
 */
final class NativesCheck {
    static final int ELF_X86_64 = 0x3E;
    static final int ELF_AARCH64 = 0xB7;
    static final int PE_X86_64 = 0x8664;
    static final int MACHO_X86_64 = 0x01000007;
    static final int MACHO_ARM64 = 0x0100000C;

    private NativesCheck() {
    }

    /** The problem, if the glass library this system would load is built for another architecture. */
    static Optional<String> mismatch(String osName, String osArch) {
        String os = osName.toLowerCase(Locale.ROOT);
        boolean mac = os.startsWith("mac");
        boolean linuxArm = os.startsWith("linux") && osArch.equals("aarch64");
        if (!mac && !linuxArm) {
            return Optional.empty();
        }
        String lib = mac ? "libglass.dylib" : "libglassgtk3.so";
        int want = mac ? (osArch.equals("aarch64") ? MACHO_ARM64 : MACHO_X86_64) : ELF_AARCH64;
        try (InputStream in = NativesCheck.class.getResourceAsStream("/" + lib)) {
            if (in == null) {
                return Optional.empty(); // not the fat jar (mvn javafx:run, an installer's runtime): JavaFX decides
            }
            int got = machine(in.readNBytes(4096));
            return got == want ? Optional.empty() : Optional.of("this osloscope.jar carries JavaFX for "
                    + (mac ? "macOS on " : "Linux on ") + (got == MACHO_ARM64 || got == ELF_AARCH64 ? "ARM" : "x86-64")
                    + ", not " + osArch + "; build it on this machine (mvn -B -ntp package -DskipTests), or with "
                    + (mac ? "-Pmac-intel" : "-Plinux-aarch64"));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The machine field of an ELF, PE or (thin, 64-bit) Mach-O header; -1 for anything else. */
    static int machine(byte[] head) {
        if (head.length < 64) {
            return -1;
        }
        ByteBuffer b = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
        if (head[0] == 0x7F && head[1] == 'E' && head[2] == 'L' && head[3] == 'F') {
            return b.getShort(18) & 0xFFFF;
        }
        if (head[0] == 'M' && head[1] == 'Z') {
            int pe = b.getInt(0x3C);
            return pe > 0 && pe + 6 <= head.length ? b.getShort(pe + 4) & 0xFFFF : -1;
        }
        return b.getInt(0) == 0xFEEDFACF ? b.getInt(4) : -1;
    }
}
