package io.osloscope.app.sniff;

import io.osloscope.engine.sniff.CaptureMode;
import io.osloscope.engine.sniff.SnifferException;
import io.osloscope.engine.sniff.SnifferOptions;
import io.osloscope.engine.sniff.profile.ProfileStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The connect form without a toolkit: validation, options, profiles, inline connect errors. */
class ConnectViewModelTest {
    @TempDir
    Path dir;

    private ConnectViewModel form(java.util.function.Function<SnifferOptions, SniffSession> connector) {
        return new ConnectViewModel(new ProfileStore(dir.resolve("profiles.json")), Runnable::run, Runnable::run,
                connector);
    }

    private ConnectViewModel form() {
        return form(o -> {
            throw new AssertionError("no connect expected");
        });
    }

    @Test
    void aUrlWithoutSchemeIsRejectedWithAOneLineReason() {
        ConnectViewModel f = form();
        f.urlProperty().set("localhost:5672");
        String p = f.validate();
        assertTrue(p != null && p.contains("rabbit://"), p);
    }

    @Test
    void aBadManagementUrlAndAMissingTrustStoreAreNamed() {
        ConnectViewModel f = form();
        f.managementUrlProperty().set("localhost");
        assertTrue(f.validate().contains("management API URL"));
        f.managementUrlProperty().set("http://h:15672/");
        f.trustStoreProperty().set(dir.resolve("missing.p12").toString());
        assertTrue(f.validate().contains("trust store"));
    }

    @Test
    void theFormsUserPasswordAndVhostWinOverTheUrlAndTheManagementUrlIsDerivedFromTheHost() {
        ConnectViewModel f = form();
        f.urlProperty().set("rabbit://nova:old@10.0.0.7:5672/");
        f.userProperty().set("osloscope");
        f.passwordProperty().set("s3cret");
        f.vhostProperty().set("/nova");
        SnifferOptions o = f.toOptions(false);
        assertEquals("osloscope", o.settings().username());
        assertEquals("s3cret", o.settings().password());
        assertEquals("/nova", o.settings().virtualHost());
        assertEquals("http://10.0.0.7:15672/", f.derivedManagementProperty().get());
        assertEquals(CaptureMode.TAP, o.mode());
    }

    @Test
    void rabbitsUrlsAskForTlsWithTheGivenTrustStore() throws Exception {
        Path trust = Files.writeString(dir.resolve("trust.p12"), "x");
        ConnectViewModel f = form();
        f.urlProperty().set("rabbits://u:p@broker.example:5671/");
        f.trustStoreProperty().set(trust.toString());
        SnifferOptions o = f.toOptions(false);
        assertEquals(trust, o.settings().tls().trustStore());
        assertEquals(5671, o.settings().hosts().get(0).port());
    }

    @Test
    void aSavedProfileKeepsNoPasswordUnlessTheUserOptsIn() throws Exception {
        ConnectViewModel f = form();
        f.profileNameProperty().set("lab");
        f.urlProperty().set("rabbit://nova:inurl@10.0.0.7:5672/");
        f.passwordProperty().set("typed-secret");
        f.saveProfile().get();
        String file = Files.readString(dir.resolve("profiles.json"));
        assertFalse(file.contains("typed-secret"), file);
        assertFalse(file.contains("inurl"), file);
        assertEquals(java.util.List.of("lab"), f.profileNamesSnapshot());

        ConnectViewModel g = form();
        g.loadProfile("lab").get();
        assertEquals("", g.passwordProperty().get());
        assertEquals("10.0.0.7", g.toOptions(false).settings().hosts().get(0).host());

        f.savePasswordProperty().set(true);
        f.saveProfile().get();
        ConnectViewModel h = form();
        h.loadProfile("lab").get();
        assertEquals("typed-secret", h.passwordProperty().get());
    }

    @Test
    void aRefusedConnectionShowsInlineAndTheFormStaysUsable() {
        ConnectViewModel f = form(o -> {
            throw new SnifferException("cannot connect to 127.0.0.1:1: connection refused");
        });
        AtomicReference<SniffSession> connected = new AtomicReference<>();
        var result = f.connect(false, connected::set);
        assertThrows(ExecutionException.class, result::get);
        assertEquals("cannot connect to 127.0.0.1:1: connection refused", f.problemProperty().get());
        assertFalse(f.connectingProperty().get());
        assertNull(connected.get());
    }

    @Test
    void firehoseIsNotStartedWithoutConsent() {
        ConnectViewModel f = form();
        f.modeProperty().set(CaptureMode.FIREHOSE);
        var result = f.connect(false, s -> { });
        assertTrue(result.isCompletedExceptionally());
        assertTrue(f.problemProperty().get().contains("consent"));
        assertTrue(f.modeExplanationProperty().get().contains("tracing"));
    }

    @Test
    void theModeTextSaysWhatEachSourceCannotSee() {
        assertEquals("memory:// simulation", new SniffViewModel(Runnable::run, Runnable::run).modeTextProperty().get());
        assertEquals("rabbit://guest:***@h:5672/ tap — replies not visible",
                ModeText.live("rabbit://guest:***@h:5672/", CaptureMode.TAP));
        assertTrue(ModeText.live("rabbit://h:5672/", CaptureMode.FIREHOSE).endsWith("firehose ON"));
        assertTrue(ModeText.explain(CaptureMode.TAP).contains("replies"));
    }
}
