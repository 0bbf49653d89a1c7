package io.osloscope.app.sniff;

import io.osloscope.engine.broker.rabbit.RabbitSettings;
import io.osloscope.engine.error.MessagingException;
import io.osloscope.engine.rpc.TransportUrl;
import io.osloscope.engine.sniff.CaptureMode;
import io.osloscope.engine.sniff.SnifferOptions;
import io.osloscope.engine.sniff.mgmt.ManagementClient;
import io.osloscope.engine.sniff.profile.ConnectionProfile;
import io.osloscope.engine.sniff.profile.ProfileStore;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The "Connect to RabbitMQ" form on the FX thread: transport URL, vhost, user, password, management URL,
 * capture mode, TLS stores, saved profiles. {@link #validate()} names the first problem in one line;
 * {@link #connect} runs the blocking connect on the engine executor and reports a failure inline in
 * {@link #problemProperty()}, never as a dialog or exception.
 */
public final class ConnectViewModel {
    private final ProfileStore profiles;
    private final Executor engine;
    private final Executor fx;
    private final Function<SnifferOptions, SniffSession> connector;
    private final StringProperty profileName = new SimpleStringProperty("");
    private final StringProperty url = new SimpleStringProperty("rabbit://127.0.0.1:5672/");
    private final StringProperty vhost = new SimpleStringProperty("");
    private final StringProperty user = new SimpleStringProperty("");
    private final StringProperty password = new SimpleStringProperty("");
    private final StringProperty managementUrl = new SimpleStringProperty("");
    private final ObjectProperty<CaptureMode> mode = new SimpleObjectProperty<>(CaptureMode.TAP);
    private final StringProperty trustStore = new SimpleStringProperty("");
    private final StringProperty trustStorePassword = new SimpleStringProperty("");
    private final StringProperty keyStore = new SimpleStringProperty("");
    private final StringProperty keyStorePassword = new SimpleStringProperty("");
    private final BooleanProperty verifyHostname = new SimpleBooleanProperty(true);
    private final BooleanProperty savePassword = new SimpleBooleanProperty(false);
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper modeExplanation = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper derivedManagement = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper connecting = new ReadOnlyBooleanWrapper();
    private final ObservableList<String> profileNames = FXCollections.observableArrayList();

    /**
     * @param connector the blocking connect, normally {@link SniffSession#connect}; runs on {@code engine}
     */
    public ConnectViewModel(ProfileStore profiles, Executor engine, Executor fx,
                            Function<SnifferOptions, SniffSession> connector) {
        this.profiles = Objects.requireNonNull(profiles);
        this.engine = Objects.requireNonNull(engine);
        this.fx = Objects.requireNonNull(fx);
        this.connector = Objects.requireNonNull(connector);
        mode.addListener((o, a, m) -> modeExplanation.set(m == null ? "" : ModeText.explain(m)));
        modeExplanation.set(ModeText.explain(mode.get()));
        url.addListener((o, a, b) -> deriveManagement());
        deriveManagement();
    }

    private void deriveManagement() {
        try {
            TransportUrl p = TransportUrl.parse(url.get());
            derivedManagement.set(ManagementClient.defaultUrl(p.toRabbitSettings(60, null).hosts().get(0).host(),
                    p.tls()).toString());
        } catch (RuntimeException e) {
            derivedManagement.set("");
        }
    }

    /** The first thing wrong with the form, in one line, or null when it can connect. */
    public String validate() {
        RabbitSettings p;
        try {
            p = TransportUrl.parse(url.get()).toRabbitSettings(60, null);
        } catch (MessagingException e) {
            return e.getMessage();
        }
        if (p.username() == null || (p.username().isBlank() && blank(user.get()))) {
            return "enter a user";
        }
        String m = managementUrl.get();
        if (!blank(m)) {
            try {
                URI u = URI.create(m.trim());
                if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme()) || u.getHost() == null) {
                    return "the management API URL must look like http://host:15672/";
                }
            } catch (IllegalArgumentException e) {
                return "the management API URL must look like http://host:15672/";
            }
        }
        if (!blank(trustStore.get()) && !Files.isReadable(Path.of(trustStore.get().trim()))) {
            return "cannot read the trust store " + trustStore.get().trim();
        }
        if (!blank(keyStore.get()) && !Files.isReadable(Path.of(keyStore.get().trim()))) {
            return "cannot read the client certificate store " + keyStore.get().trim();
        }
        if (mode.get() == null) {
            return "choose tap or firehose";
        }
        return null;
    }

    /** What the sniffer gets; the form's user, password and vhost win over those in the URL. */
    public SnifferOptions toOptions(boolean firehoseConsent) {
        String p = validate();
        if (p != null) {
            throw new IllegalArgumentException(p);
        }
        TransportUrl parsed = TransportUrl.parse(url.get());
        RabbitSettings s = parsed.toRabbitSettings(60, null);
        String u = blank(user.get()) ? s.username() : user.get().trim();
        String pw = blank(password.get()) ? (blank(user.get()) ? s.password() : "") : password.get();
        String vh = blank(vhost.get()) ? s.virtualHost() : vhost.get().trim();
        RabbitSettings.Tls tls = null;
        if (parsed.tls() || !blank(trustStore.get()) || !blank(keyStore.get())) {
            tls = new RabbitSettings.Tls(path(trustStore.get()), emptyToNull(trustStorePassword.get()),
                    path(keyStore.get()), emptyToNull(keyStorePassword.get()), verifyHostname.get());
        }
        RabbitSettings settings = new RabbitSettings(s.hosts(), u, pw, vh, s.heartbeatSeconds(), tls);
        SnifferOptions o = SnifferOptions.of(settings, mode.get()).withFirehoseConsent(firehoseConsent)
                .withTopologyRefresh(Duration.ofSeconds(5));
        if (!blank(managementUrl.get())) {
            o = o.withManagement(URI.create(managementUrl.get().trim()));
        }
        return o;
    }

    /**
     * Connects off the FX thread. On failure {@link #problemProperty()} gets the one-line reason and the
     * future completes exceptionally; on success {@code onConnected} runs on the FX thread.
     */
    public CompletableFuture<SniffSession> connect(boolean firehoseConsent, Consumer<SniffSession> onConnected) {
        String p = validate();
        if (p != null) {
            problem.set(p);
            return CompletableFuture.failedFuture(new IllegalArgumentException(p));
        }
        if (mode.get() == CaptureMode.FIREHOSE && !firehoseConsent) {
            problem.set("firehose mode needs your consent: it switches tracing on for the vhost while capturing");
            return CompletableFuture.failedFuture(new IllegalStateException(problem.get()));
        }
        SnifferOptions options = toOptions(firehoseConsent);
        problem.set(null);
        connecting.set(true);
        CompletableFuture<SniffSession> result = new CompletableFuture<>();
        CompletableFuture.supplyAsync(() -> connector.apply(options), engine).whenCompleteAsync((s, e) -> {
            connecting.set(false);
            if (e != null) {
                Throwable c = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                problem.set(oneLine(c));
                result.completeExceptionally(c);
            } else {
                onConnected.accept(s);
                result.complete(s);
            }
        }, fx);
        return result;
    }

    static String oneLine(Throwable t) {
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return m.replaceAll("\\s+", " ").trim();
    }

    // --- profiles ---

    /** The form as a profile; the password travels only in memory unless {@link #savePasswordProperty()}. */
    public ConnectionProfile toProfile() {
        String name = blank(profileName.get()) ? url.get().trim() : profileName.get().trim();
        return new ConnectionProfile(name, url.get().trim(), emptyToNull(user.get()), emptyToNull(password.get()),
                savePassword.get(), emptyToNull(managementUrl.get()), mode.get().name().toLowerCase(),
                emptyToNull(trustStore.get()), emptyToNull(trustStorePassword.get()), emptyToNull(keyStore.get()),
                emptyToNull(keyStorePassword.get()), verifyHostname.get());
    }

    /** Saves the form as a profile off the FX thread (no password unless opted in); problems show inline. */
    public CompletableFuture<Void> saveProfile() {
        ConnectionProfile profile = toProfile();
        return CompletableFuture.runAsync(() -> profiles.save(profile), engine)
                .thenCompose(v -> reloadProfiles())
                .whenCompleteAsync((v, e) -> {
                    if (e != null) {
                        problem.set("could not save the profile: " + oneLine(e.getCause() != null ? e.getCause() : e));
                    }
                }, fx);
    }

    /** Re-reads the saved profile names (off the FX thread). */
    public CompletableFuture<Void> reloadProfiles() {
        return CompletableFuture.supplyAsync(profiles::list, engine).thenAcceptAsync(list ->
                profileNames.setAll(list.stream().map(ConnectionProfile::name).toList()), fx);
    }

    /** Fills the form from a saved profile; a password field stays empty when none was saved. */
    public CompletableFuture<Void> loadProfile(String name) {
        return CompletableFuture.supplyAsync(() -> profiles.get(name), engine).thenAcceptAsync(p -> {
            if (p.isEmpty()) {
                problem.set("no saved profile named '" + name + "'");
                return;
            }
            apply(p.get());
        }, fx);
    }

    void apply(ConnectionProfile p) {
        profileName.set(p.name());
        url.set(nz(p.transportUrl()));
        user.set(nz(p.username()));
        password.set(nz(p.password()));
        savePassword.set(p.savePassword());
        managementUrl.set(nz(p.managementUrl()));
        try {
            mode.set(p.mode() == null ? CaptureMode.TAP : CaptureMode.parse(p.mode()));
        } catch (IllegalArgumentException e) {
            mode.set(CaptureMode.TAP);
        }
        trustStore.set(nz(p.tlsTrustStore()));
        trustStorePassword.set(nz(p.tlsTrustStorePassword()));
        keyStore.set(nz(p.tlsKeyStore()));
        keyStorePassword.set(nz(p.tlsKeyStorePassword()));
        verifyHostname.set(p.tlsVerifyHostname());
        problem.set(null);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String emptyToNull(String s) {
        return blank(s) ? null : s;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static Path path(String s) {
        return blank(s) ? null : Path.of(s.trim());
    }

    public StringProperty profileNameProperty() { return profileName; }
    public StringProperty urlProperty() { return url; }
    public StringProperty vhostProperty() { return vhost; }
    public StringProperty userProperty() { return user; }
    public StringProperty passwordProperty() { return password; }
    public StringProperty managementUrlProperty() { return managementUrl; }
    public ObjectProperty<CaptureMode> modeProperty() { return mode; }
    public StringProperty trustStoreProperty() { return trustStore; }
    public StringProperty trustStorePasswordProperty() { return trustStorePassword; }
    public StringProperty keyStoreProperty() { return keyStore; }
    public StringProperty keyStorePasswordProperty() { return keyStorePassword; }
    public BooleanProperty verifyHostnameProperty() { return verifyHostname; }
    public BooleanProperty savePasswordProperty() { return savePassword; }
    public ReadOnlyStringProperty problemProperty() { return problem.getReadOnlyProperty(); }
    public ReadOnlyStringProperty modeExplanationProperty() { return modeExplanation.getReadOnlyProperty(); }
    /** The management URL used when the field is empty: the first AMQP host, port 15672. */
    public ReadOnlyStringProperty derivedManagementProperty() { return derivedManagement.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty connectingProperty() { return connecting.getReadOnlyProperty(); }
    public ObservableList<String> profileNames() { return profileNames; }

    /** Profiles known right now (for tests and the picker). */
    public List<String> profileNamesSnapshot() {
        return List.copyOf(profileNames);
    }
}
