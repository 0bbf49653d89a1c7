package io.osloscope.app.sniff;

import io.osloscope.engine.sniff.CaptureMode;
import io.osloscope.engine.sniff.PublishRequest;
import io.osloscope.engine.sniff.health.HealthHint;
import io.osloscope.engine.sniff.mgmt.ManagementSnapshot;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The active source on the FX thread: the simulation, a live capture or an opened recording. Shows the
 * mode indicator text, health hints and the armed state; saves and opens recordings; and runs the arming
 * flow: a publish the guard refused waits in {@link #pendingPublishProperty()} until the user confirms
 * (which arms this connection and publishes exactly that request) or cancels. Engine work runs on the
 * engine executor; problems show in {@link #problemProperty()}.
 */
public final class SniffViewModel {
    private final Executor engine;
    private final Executor fx;
    private final ReadOnlyObjectWrapper<SniffSession> session = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper modeText = new ReadOnlyStringWrapper(ModeText.simulation());
    private final ReadOnlyStringWrapper explanation = new ReadOnlyStringWrapper(
            "Showing the simulated cloud. Connect to a RabbitMQ to watch real oslo.messaging traffic.");
    private final ReadOnlyBooleanWrapper firehoseOn = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper armed = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper info = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper captureHealth = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<PublishRequest> pendingPublish = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<ManagementSnapshot> topology = new ReadOnlyObjectWrapper<>();
    private final ObservableList<HealthHint> hints = FXCollections.observableArrayList();
    private final ReplyQueuesViewModel replyQueues = new ReplyQueuesViewModel();
    private Consumer<SniffSession> onAttached = s -> { };
    private Runnable onDetached = () -> { };

    public SniffViewModel(Executor engine, Executor fx) {
        this.engine = Objects.requireNonNull(engine);
        this.fx = Objects.requireNonNull(fx);
    }

    /** Runs on the FX thread when a session becomes the window's source. */
    public void onAttached(Consumer<SniffSession> l) {
        this.onAttached = Objects.requireNonNull(l);
    }

    /** Runs on the FX thread when the window goes back to the simulation. */
    public void onDetached(Runnable l) {
        this.onDetached = Objects.requireNonNull(l);
    }

    /** Makes {@code s} the source (FX thread); a previous session is closed off the FX thread. */
    public void attach(SniffSession s) {
        SniffSession old = session.get();
        if (old != null) {
            engine.execute(old::close);
        }
        session.set(s);
        hints.clear();
        replyQueues.clear();
        captureHealth.set("");
        topology.set(null);
        pendingPublish.set(null);
        problem.set(null);
        updateMode();
        onAttached.accept(s);
    }

    /** Stops the capture (firehose tracing off, capture queue gone) and returns to the simulation. */
    public CompletableFuture<Void> disconnect() {
        SniffSession s = session.get();
        if (s == null) {
            return CompletableFuture.completedFuture(null);
        }
        session.set(null);
        pendingPublish.set(null);
        hints.clear();
        replyQueues.clear();
        captureHealth.set("");
        topology.set(null);
        updateMode();
        onDetached.run();
        busy.set(true);
        return CompletableFuture.runAsync(s::close, engine).whenCompleteAsync((v, e) -> {
            busy.set(false);
            if (e != null) {
                problem.set("disconnect: " + ConnectViewModel.oneLine(cause(e)));
            }
        }, fx);
    }

    /**
     * Connects to a broker and shows its capture (the window's {@code --connect}): connects on the engine executor,
     * then attaches the session; a failure is one line in {@link #problemProperty()} and fails the future.
     */
    public CompletableFuture<SniffSession> connect(io.osloscope.engine.sniff.SnifferOptions options) {
        busy.set(true);
        return CompletableFuture.supplyAsync(() -> SniffSession.connect(options), engine).handleAsync((s, e) -> {
            busy.set(false);
            if (e != null) {
                problem.set("cannot connect: " + ConnectViewModel.oneLine(cause(e)));
                throw new CompletionException(cause(e));
            }
            attach(s);
            return s;
        }, fx);
    }

    /** Opens a recording into the same views: attaches it, then replays it on the engine executor. */
    public CompletableFuture<Void> openRecording(Path file) {
        SniffSession s = SniffSession.recording(file);
        attach(s);
        busy.set(true);
        return CompletableFuture.supplyAsync(() -> {
            try {
                return s.replay();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, engine).handleAsync((r, e) -> {
            busy.set(false);
            if (e != null) {
                problem.set("cannot open " + file.getFileName() + ": " + ConnectViewModel.oneLine(cause(e)));
            } else {
                info.set("opened " + file.getFileName() + ": " + r.messages() + " messages"
                        + (r.badLines() > 0 ? ", " + r.badLines() + " unreadable lines skipped" : ""));
                updateMode();
                refresh();
            }
            return null;
        }, fx);
    }

    /** Saves what the current source retained as JSON Lines; {@code redact} masks tokens and passwords. */
    public CompletableFuture<Long> saveRecording(Path file, boolean redact) {
        SniffSession s = session.get();
        if (s == null) {
            problem.set("nothing to save: connect to a RabbitMQ or open a recording first");
            return CompletableFuture.completedFuture(0L);
        }
        busy.set(true);
        return CompletableFuture.supplyAsync(() -> {
            try {
                return s.save(file, redact);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, engine).handleAsync((n, e) -> {
            busy.set(false);
            if (e != null) {
                problem.set("cannot save " + file.getFileName() + ": " + ConnectViewModel.oneLine(cause(e)));
                return 0L;
            }
            info.set("saved " + n + " messages to " + file.getFileName() + (redact ? " (tokens redacted)" : ""));
            return n;
        }, fx);
    }

    /** Re-reads status, health hints and topology off the FX thread and shows them (call about every 2 s). */
    public CompletableFuture<Void> refresh() {
        SniffSession s = session.get();
        if (s == null) {
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.supplyAsync(() -> new Sample(s.health(), s.topology(), s.replyQueues()), engine)
                .thenAcceptAsync(sample -> {
                    if (session.get() != s) {
                        return;
                    }
                    hints.setAll(sample.hints());
                    replyQueues.show(sample.replyQueues());
                    captureHealth.set(s.status().map(SniffViewModel::captureHealthText).orElse(""));
                    sample.topology().ifPresent(t -> {
                        if (topology.get() == null || !t.at().equals(topology.get().at())) {
                            topology.set(t);
                        }
                    });
                    s.status().map(st -> st.lastProblem()).ifPresent(p -> {
                        if (p != null && !p.equals(problem.get())) {
                            problem.set(p);
                        }
                    });
                    updateMode();
                }, fx);
    }

    private record Sample(List<HealthHint> hints, Optional<ManagementSnapshot> topology,
                          List<io.osloscope.engine.sniff.health.ReplyQueueLifelines.Lifeline> replyQueues) {
    }

    // --- arming ---

    /** Called (any thread) with a publish the guard refused; the view shows it for confirmation. */
    public void publishRefused(PublishRequest request) {
        fx.execute(() -> {
            if (session.get() != null && session.get().isLive()) {
                pendingPublish.set(request);
            }
        });
    }

    /** The user confirmed: arm this connection and publish exactly the pending request. */
    public CompletableFuture<Void> armAndPublish() {
        SniffSession s = session.get();
        PublishRequest r = pendingPublish.get();
        if (s == null || r == null) {
            return CompletableFuture.completedFuture(null);
        }
        pendingPublish.set(null);
        s.arm();
        armed.set(true);
        return CompletableFuture.runAsync(() -> s.publish(r), engine).whenCompleteAsync((v, e) -> {
            if (e != null) {
                problem.set("publish failed: " + ConnectViewModel.oneLine(cause(e)));
            } else {
                info.set("published " + r.summary());
            }
        }, fx);
    }

    public void cancelPublish() {
        pendingPublish.set(null);
    }

    /** Back to read-only for this connection. */
    public void disarm() {
        SniffSession s = session.get();
        if (s != null) {
            s.disarm();
        }
        armed.set(false);
    }

    private void updateMode() {
        SniffSession s = session.get();
        if (s == null) {
            modeText.set(ModeText.simulation());
            explanation.set("Showing the simulated cloud. Connect to a RabbitMQ to watch real oslo.messaging traffic.");
            firehoseOn.set(false);
            armed.set(false);
            return;
        }
        modeText.set(s.modeText());
        CaptureMode m = s.mode();
        firehoseOn.set(s.isLive() && m == CaptureMode.FIREHOSE);
        armed.set(s.isArmed());
        explanation.set(s.isLive() ? ModeText.explain(m)
                : "A recording: the same views, nothing is connected." + (m == null ? "" : " Captured in "
                + m.name().toLowerCase() + " mode."));
    }

    private static Throwable cause(Throwable e) {
        return (e instanceof CompletionException || e instanceof java.io.UncheckedIOException) && e.getCause() != null
                ? e.getCause() : e;
    }

    public ReadOnlyObjectProperty<SniffSession> sessionProperty() { return session.getReadOnlyProperty(); }
    public ReadOnlyStringProperty modeTextProperty() { return modeText.getReadOnlyProperty(); }
    public ReadOnlyStringProperty explanationProperty() { return explanation.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty firehoseOnProperty() { return firehoseOn.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty armedProperty() { return armed.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }
    public ReadOnlyStringProperty problemProperty() { return problem.getReadOnlyProperty(); }
    public ReadOnlyStringProperty infoProperty() { return info.getReadOnlyProperty(); }
    /** The capture-health strip: captured, dropped per stage, tracing switched off, gaps; empty for a recording. */
    public ReadOnlyStringProperty captureHealthProperty() { return captureHealth.getReadOnlyProperty(); }

    /**
     * The capture-health strip in the window's language, from the engine's counts (the command line prints the
     * engine's own English line, {@link io.osloscope.engine.sniff.SnifferStatus#captureHealth()}).
     */
    static String captureHealthText(io.osloscope.engine.sniff.SnifferStatus st) {
        io.osloscope.app.fx.Texts t = io.osloscope.app.fx.Texts.of("io.osloscope.app.sniff.ConnectView");
        StringBuilder b = new StringBuilder(t.get("health.captured", st.captured()));
        b.append(st.brokerDropped() == 0 && st.dropped() == 0 && st.tracingSwitchedOff() == 0 && st.gaps() == 0
                ? t.get("health.nothingLost") : t.get("health.dropped", st.brokerDropped(), st.dropped()));
        if (st.tracingSwitchedOff() > 0) {
            b.append(t.get("health.tracingOff", st.tracingSwitchedOff()));
        }
        if (st.gaps() > 0) {
            b.append(t.get("health.gaps", st.gaps()));
        }
        if (st.evicted() > 0) {
            b.append(t.get("health.evicted", st.evicted()));
        }
        return b.toString();
    }

    /** A health hint as the list shows it: a severity mark and what was seen, then why it matters and what to do. */
    public static String hintText(HealthHint h) {
        String mark = h.severity() == HealthHint.Severity.PROBLEM ? "✘ "
                : h.severity() == HealthHint.Severity.WARNING ? "⚠ " : "· ";
        io.osloscope.app.fx.Texts t = io.osloscope.app.fx.Texts.of("io.osloscope.app.sniff.ConnectView");
        java.util.Locale language = t.bundle().getLocale();
        return mark + h.message() + (h.actionable() ? t.get("hint.why", h.kind().why(language))
                + t.get("hint.do", h.kind().action(language)) : "");
    }
    public ReadOnlyObjectProperty<PublishRequest> pendingPublishProperty() { return pendingPublish.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<ManagementSnapshot> topologyProperty() { return topology.getReadOnlyProperty(); }
    public ObservableList<HealthHint> hints() { return hints; }
    /** The reply-queue lifeline of the current source, refreshed with the health hints. */
    public ReplyQueuesViewModel replyQueues() { return replyQueues; }
}
