package io.osloscope.app.sequence;

import io.osloscope.app.export.ImageFiles;
import io.osloscope.app.export.SvgWriter;
import io.osloscope.app.topology.model.MessageKind;
import io.osloscope.engine.observe.EngineEvent;
import javafx.scene.Node;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.Image;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.transform.Transform;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Pane;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Line;
import javafx.scene.shape.Polygon;
import javafx.scene.shape.Polyline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A whole flow as lanes over time: one column per service, one row per message. Arrows tell the
 * kind by line and head as well as colour and label: call solid with a filled head, cast solid
 * with an open head, fanout a forked arrow from a dot, reply dashed with an open head, failure
 * dashed ending in a cross; timeouts are marked on the lane that waited.
 */
public final class SequenceView {
    private static final double GUTTER = 110;
    private static final double LANE_W = 250;
    private static final double HEADER_Y = 16;
    private static final double HEADER_H = 62;
    private static final double FIRST_ROW = 124;
    private static final double ROW_H = 66;

    private final BorderPane root = new BorderPane();
    private final Pane canvas = new Pane();
    private final Label empty = new Label(
            io.osloscope.app.fx.Texts.of("io.osloscope.app.sequence.SequenceView").get("empty"));
    private SequenceDiagram diagram = new SequenceDiagram(List.of(), List.of());

    public SequenceView() {
        root.getStyleClass().add("sequence");
        root.getStylesheets().add(Objects.requireNonNull(
                SequenceView.class.getResource("sequence.css"), "sequence.css").toExternalForm());
        canvas.getStyleClass().add("seq-canvas");
        empty.getStyleClass().add("seq-empty");
        ScrollPane scroll = new ScrollPane(canvas);
        scroll.setPannable(true);
        root.setCenter(scroll);
        show(List.of());
    }

    public Node getRoot() {
        return root;
    }

    /** Draws one flow (FX thread). An empty list shows a hint. */
    public void show(List<EngineEvent> flowEvents) {
        diagram = SequenceDiagram.of(flowEvents);
        draw(diagram.steps().size());
    }

    /** Draws the lanes and the first {@code shown} steps; the canvas keeps the size of the whole flow. */
    private void draw(int shown) {
        List<Node> nodes = new ArrayList<>();
        if (diagram.steps().isEmpty()) {
            empty.relocate(24, 24);
            canvas.getChildren().setAll(empty);
            return;
        }
        Map<String, Double> x = new HashMap<>();
        for (int i = 0; i < diagram.lanes().size(); i++) {
            x.put(diagram.lanes().get(i), GUTTER + LANE_W * i + LANE_W / 2);
        }
        double bottom = FIRST_ROW + ROW_H * diagram.steps().size();
        for (String lane : diagram.lanes()) {
            double lx = x.get(lane);
            Line life = new Line(lx, HEADER_Y + HEADER_H, lx, bottom);
            life.getStyleClass().add("seq-lifeline");
            nodes.add(life);
            int at = lane.indexOf('@');
            Label head = new Label(at < 0 ? lane : lane.substring(0, at) + "\n" + lane.substring(at + 1));
            head.getStyleClass().add("seq-lane");
            head.setPrefWidth(LANE_W - 24);
            head.setPrefHeight(HEADER_H);
            head.setMaxWidth(LANE_W - 24);
            head.relocate(lx - (LANE_W - 24) / 2, HEADER_Y);
            nodes.add(head);
        }
        int row = 0;
        for (SequenceDiagram.Step s : diagram.steps().subList(0, shown)) {
            double y = FIRST_ROW + ROW_H * row++;
            long ms = s.offset().toMillis();
            Label time = new Label(ms < 10_000 ? "+" + ms + " ms" : String.format("+%.1f s", ms / 1000.0));
            time.getStyleClass().add("seq-time");
            time.relocate(8, y - 11);
            nodes.add(time);
            drawStep(s, x, y, nodes);
        }
        canvas.getChildren().setAll(nodes);
        double width = GUTTER + LANE_W * diagram.lanes().size() + 20;
        canvas.setPrefSize(width, bottom + 30);
    }

    private void drawStep(SequenceDiagram.Step s, Map<String, Double> x, double y, List<Node> out) {
        String kindClass = s.kind().styleClass();
        double x0 = x.get(s.from());
        if (s.to().isEmpty()) {
            Label marker = new Label(s.kind() == MessageKind.TIMEOUT ? s.label() : "✕ " + s.label());
            marker.getStyleClass().addAll("seq-marker", kindClass);
            marker.relocate(x0 + 10, y - 16);
            Circle dot = new Circle(x0, y, 7);
            dot.getStyleClass().addAll("seq-dot", kindClass);
            out.add(dot);
            out.add(marker);
            return;
        }
        boolean labelled = false;
        if (s.kind() == MessageKind.FANOUT) {
            Circle fork = new Circle(x0, y, 6);
            fork.getStyleClass().addAll("seq-dot", kindClass);
            out.add(fork);
        }
        for (String target : s.to()) {
            double x1 = x.get(target);
            if (x1 == x0) {
                Polyline loop = new Polyline(x0, y - 8, x0 + 46, y - 8, x0 + 46, y + 12, x0 + 8, y + 12);
                loop.getStyleClass().addAll("seq-arrow", kindClass);
                out.add(loop);
                out.add(head(s.kind(), x0 + 8, y + 12, -1, kindClass));
            } else {
                double dir = Math.signum(x1 - x0);
                Line line = new Line(x0, y, x1 - dir * 4, y);
                line.getStyleClass().addAll("seq-arrow", kindClass);
                out.add(line);
                out.add(head(s.kind(), x1, y, dir, kindClass));
            }
            if (!labelled) {
                Label l = new Label(s.label());
                l.getStyleClass().addAll("seq-label", kindClass);
                double from = Math.min(x0, x1 == x0 ? x0 + 50 : x1);
                l.relocate(from + 12, y - 30);
                out.add(l);
                labelled = true;
            }
        }
    }

    /** Filled head for calls, open head for cast/fanout/reply, a cross for failures. */
    private static Node head(MessageKind kind, double x, double y, double dir, String kindClass) {
        Node n;
        if (kind == MessageKind.FAILURE) {
            Polyline cross = new Polyline(x - 8, y - 8, x + 8, y + 8, x, y, x - 8, y + 8, x + 8, y - 8);
            n = cross;
        } else if (kind == MessageKind.CALL) {
            n = new Polygon(x, y, x - dir * 14, y - 7, x - dir * 14, y + 7);
        } else {
            n = new Polyline(x - dir * 14, y - 8, x, y, x - dir * 14, y + 8);
        }
        n.getStyleClass().addAll("seq-head", kindClass, kind == MessageKind.CALL ? "filled" : "open");
        return n;
    }

    /** The flow shown, as SVG (what the Flow tab draws); fails when no flow is shown. */
    public void exportSvg(Path file) {
        requireFlow();
        write(file, SvgWriter.svg(canvas, io.osloscope.app.export.SvgWriter.backgroundOf(canvas)));
    }

    /** The flow shown, as PNG at 1.5 times its size, on white. */
    public void exportPng(Path file) {
        requireFlow();
        ImageFiles.png(snapshot(), file);
    }

    /**
     * The flow shown as an animated GIF for slides: the lanes, then one more message per frame (0.9 s each, the
     * whole flow held 3 s), looping. The Flow tab shows the whole flow again afterwards.
     */
    public void exportGif(Path file) {
        requireFlow();
        List<Image> frames = new ArrayList<>();
        try {
            for (int n = 0; n <= diagram.steps().size(); n++) {
                draw(n);
                canvas.applyCss();
                canvas.layout();
                frames.add(snapshot());
            }
        } finally {
            draw(diagram.steps().size());
        }
        ImageFiles.gif(frames, 900, 3000, file);
    }

    private WritableImage snapshot() {
        SnapshotParameters p = new SnapshotParameters();
        p.setFill(io.osloscope.app.export.SvgWriter.backgroundOf(canvas));
        p.setTransform(Transform.scale(1.5, 1.5));
        return canvas.snapshot(p, null);
    }

    private void requireFlow() {
        if (diagram.steps().isEmpty()) {
            throw new IllegalStateException("no flow is shown: select a message first");
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public SequenceDiagram diagram() {
        return diagram;
    }

    /** Every text drawn (lane names, arrow labels, markers), for tests. */
    public Set<String> visibleTexts() {
        return new TreeSet<>(visibleTextList());
    }

    /** Every label drawn, in drawing order, repeats kept (two messages in the same millisecond have equal offsets). */
    public java.util.List<String> visibleTextList() {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (Node n : canvas.getChildren()) {
            if (n instanceof Label l) {
                out.add(l.getText().replace('\n', '@'));
            }
        }
        return out;
    }
}
