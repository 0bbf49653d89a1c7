package io.osloscope.engine.sniff.profile;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads and writes connection profiles as a JSON array. Saving strips passwords unless the profile opted
 * in ({@link ConnectionProfile#forDisk()}), and the file is made readable by its owner only where the
 * file system supports POSIX permissions. Writes go through a temporary file and an atomic move.
 */
public final class ProfileStore {
    private final Path file;
    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public ProfileStore(Path file) {
        this.file = file;
    }

    /** {@code $XDG_CONFIG_HOME/osloscope/profiles.json}, else {@code ~/.config/osloscope/profiles.json}. */
    public static ProfileStore defaultStore() {
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return new ProfileStore(base.resolve("osloscope").resolve("profiles.json"));
    }

    public Path file() {
        return file;
    }

    public List<ConnectionProfile> list() {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            return mapper.readValue(file.toFile(), new TypeReference<List<ConnectionProfile>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read profiles from " + file + ": " + e.getMessage(), e);
        }
    }

    public Optional<ConnectionProfile> get(String name) {
        return list().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** Adds or replaces the profile with the same name. */
    public void save(ConnectionProfile profile) {
        List<ConnectionProfile> all = new ArrayList<>(list());
        all.removeIf(p -> p.name().equals(profile.name()));
        all.add(profile.forDisk());
        write(all);
    }

    public boolean delete(String name) {
        List<ConnectionProfile> all = new ArrayList<>(list());
        boolean removed = all.removeIf(p -> p.name().equals(name));
        if (removed) {
            write(all);
        }
        return removed;
    }

    private void write(List<ConnectionProfile> all) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            mapper.writeValue(tmp.toFile(), all);
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // NOTE(profiles): non-POSIX file systems keep their default permissions.
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write profiles to " + file + ": " + e.getMessage(), e);
        }
    }
}
