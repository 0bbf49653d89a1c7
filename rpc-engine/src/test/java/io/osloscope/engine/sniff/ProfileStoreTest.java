package io.osloscope.engine.sniff;

import io.osloscope.engine.sniff.profile.ConnectionProfile;
import io.osloscope.engine.sniff.profile.ProfileStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProfileStoreTest {
    private static ConnectionProfile profile(String name, boolean savePassword) {
        return new ConnectionProfile(name, "rabbit://ops:s3cret-pw@rabbit1:5672/nova", "ops", "s3cret-pw",
                savePassword, null, "tap", null, null, null, null, true);
    }

    @Test
    void aSavedProfileKeepsNoPasswordUnlessTheUserOptedIn(@TempDir Path dir) throws Exception {
        ProfileStore store = new ProfileStore(dir.resolve("osloscope/profiles.json"));
        store.save(profile("prod", false));
        store.save(profile("lab", true));
        String text = Files.readString(store.file());
        assertEquals(1, text.split("s3cret-pw", -1).length - 1, "only the opted-in profile stores it:\n" + text);
        ConnectionProfile prod = store.get("prod").orElseThrow();
        assertNull(prod.password());
        assertEquals("rabbit://ops@rabbit1:5672/nova", prod.transportUrl());
        assertEquals("s3cret-pw", store.get("lab").orElseThrow().password());
        assertTrue(Files.getPosixFilePermissions(store.file()).toString().equals("[OWNER_READ, OWNER_WRITE]")
                || Files.getPosixFilePermissions(store.file()).size() == 2);
    }

    @Test
    void profilesAreReplacedByNameAndCanBeDeleted(@TempDir Path dir) {
        ProfileStore store = new ProfileStore(dir.resolve("p.json"));
        store.save(profile("a", false));
        store.save(profile("a", false));
        assertEquals(1, store.list().size());
        assertTrue(store.delete("a"));
        assertFalse(store.get("a").isPresent());
    }
}
