package io.osloscope.app.scenario;

import io.osloscope.app.backend.AppContext;
import io.osloscope.app.backend.DefaultBackend;
import io.osloscope.app.fire.FireView;
import io.osloscope.app.fire.FireViewModel;
import io.osloscope.app.fx.FxThread;
import io.osloscope.app.message.InspectorView;
import io.osloscope.app.message.InspectorViewModel;
import io.osloscope.app.playground.RoutingPlaygroundView;
import io.osloscope.app.sniff.ConnectViewModel;
import io.osloscope.app.sniff.SniffPanel;
import io.osloscope.app.sniff.SniffSession;
import io.osloscope.app.sniff.SniffViewModel;
import io.osloscope.engine.sniff.profile.ProfileStore;
import javafx.application.Platform;
import javafx.scene.Node;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

/**
 * How long building each one-off panel takes on the FX thread: the first build in a fresh JVM (class loading,
 * FXMLLoader's first use), then the fastest and the median of later builds (the machine may be busy: the
 * fastest is the least disturbed). Uses only the panels' public constructors, so the
 * same main runs against a build from before the FXML move. Panels are built in the window's order (simulation
 * and inspector at start-up, the rest when first shown). Args: {@code [rounds]} (default 20).
 */
public final class PanelLoadTimes {
    private PanelLoadTimes() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        AppContext ctx = DefaultBackend.start("memory://panel-load-times", 2);
        Path profiles = Files.createTempDirectory("panel-load-times").resolve("profiles.json");
        Map<String, Supplier<Node>> panels = new LinkedHashMap<>();
        panels.put("simulation", () -> new SimControlsView(new SimControlsViewModel(ctx.simulation(),
                ctx.engineExecutor(), FxThread.executor())).getRoot());
        panels.put("inspector", () -> new InspectorView(new InspectorViewModel(ctx.engineExecutor(),
                FxThread.executor(), id -> List.of())).getRoot());
        panels.put("fire", () -> new FireView(new FireViewModel(ctx.fire(), FxThread.executor())).getRoot());
        panels.put("playground", () -> new RoutingPlaygroundView(ctx.broker()).getRoot());
        panels.put("rabbitmq", () -> new SniffPanel(new ConnectViewModel(new ProfileStore(profiles),
                ctx.engineExecutor(), FxThread.executor(), SniffSession::connect),
                new SniffViewModel(ctx.engineExecutor(), FxThread.executor())).getRoot());
        CompletableFuture<String> report = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                report.complete(measure(panels, rounds));
            } catch (Throwable t) {
                report.completeExceptionally(t);
            }
        });
        System.out.println(report.get());
        ctx.close();
        Platform.exit();
        System.exit(0);
    }

    private static String measure(Map<String, Supplier<Node>> panels, int rounds) {
        StringBuilder out = new StringBuilder(String.format("%-12s %10s %10s %10s%n", "panel", "first ms", "min ms", "median ms"));
        Map<String, Double> first = new LinkedHashMap<>();
        for (Map.Entry<String, Supplier<Node>> p : panels.entrySet()) {
            first.put(p.getKey(), time(p.getValue()));
        }
        for (Map.Entry<String, Supplier<Node>> p : panels.entrySet()) {
            List<Double> later = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                later.add(time(p.getValue()));
            }
            Collections.sort(later);
            out.append(String.format("%-12s %10.1f %10.2f %10.2f%n", p.getKey(), first.get(p.getKey()), later.get(0),
                    later.get(rounds / 2)));
        }
        return out.toString();
    }

    private static double time(Supplier<Node> build) {
        long t0 = System.nanoTime();
        Node n = build.get();
        if (n == null) {
            throw new IllegalStateException("no root");
        }
        return (System.nanoTime() - t0) / 1e6;
    }
}
