package io.osloscope.app.trace;

import io.osloscope.app.fx.Texts;
import io.osloscope.engine.trace.RequestTrace;
import io.osloscope.engine.trace.TraceHop;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Pane;
import javafx.scene.shape.Line;
import javafx.scene.shape.Polygon;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * One request drawn as a timeline: a lane per service@host (rows), time to the right. Every message is an arrow
 * from its sender's lane to its receiver's lane at the moment it was published; a call also gets a span on the
 * receiver's lane as long as its latency, labelled with it. Messages closer in time than a label's width are spread
 * apart (their offset from the start is in each label), so a burst of object_action calls stays readable. Styled by
 * {@code TraceView.css} from the theme's palette. FX thread.
 */
public final class TraceTimeline extends Pane {
    static final double LANE_HEIGHT = 64;
    static final double LABEL_WIDTH = 210;
    static final double TOP = 34;
    static final double MIN_GAP = 90;

    private Consumer<TraceHop> onPick = h -> { };

    public TraceTimeline() {
        getStyleClass().add("trace-timeline");
    }

    /** Called with the hop the user clicked. */
    public void setOnPick(Consumer<TraceHop> l) {
        this.onPick = l == null ? h -> { } : l;
    }

    /** Draws {@code trace} (nothing but a hint when null); {@code width} is the room the scroll pane offers. */
    public void show(RequestTrace trace, double width) {
        getChildren().clear();
        if (trace == null || trace.hops().isEmpty()) {
            Label hint = new Label(Texts.of("io.osloscope.app.trace.TraceView").get("timeline.hint"));
            hint.getStyleClass().add("trace-empty");
            hint.relocate(16, 16);
            getChildren().add(hint);
            setPrefSize(width, 120);
            return;
        }
        List<String> lanes = trace.lanes();
        double duration = Math.max(1, trace.durationMillis());
        double room = Math.max(300, width - LABEL_WIDTH - 140);
        double scale = room / duration;
        List<Double> xs = new ArrayList<>();
        double last = -1e9;
        for (TraceHop h : trace.hops()) {
            double x = Math.max(LABEL_WIDTH + 20 + trace.offsetMillis(h) * scale, last + MIN_GAP);
            xs.add(x);
            last = x;
        }
        double right = last + 160;
        for (int i = 0; i < trace.hops().size(); i++) {
            TraceHop h = trace.hops().get(i);
            if (h.latencyMs() != null) {
                right = Math.max(right, xs.get(i) + h.latencyMs() * scale + 140);
            }
        }
        double height = TOP + lanes.size() * LANE_HEIGHT + 20;
        for (int l = 0; l < lanes.size(); l++) {
            double y = laneY(l);
            Line line = new Line(LABEL_WIDTH, y, right, y);
            line.getStyleClass().add("trace-lane-line");
            Label name = new Label(lanes.get(l));
            name.getStyleClass().add("trace-lane");
            name.setMaxWidth(LABEL_WIDTH - 16);
            name.relocate(8, y - 12);
            getChildren().addAll(line, name);
        }
        Text axis = new Text(LABEL_WIDTH, 18, trace.requestId() + "  ·  " + Texts.of("io.osloscope.app.trace.TraceView")
                .get("timeline.axis", trace.hops().size(), String.format(Locale.ROOT, "%.0f", trace.durationMillis())));
        axis.getStyleClass().add("trace-axis");
        getChildren().add(axis);
        for (int i = 0; i < trace.hops().size(); i++) {
            draw(trace, trace.hops().get(i), xs.get(i), lanes, scale, i);
        }
        setPrefSize(Math.max(width, right), height);
        setMinSize(Math.max(width, right), height);
    }

    private void draw(RequestTrace t, TraceHop h, double x, List<String> lanes, double scale, int index) {
        double yFrom = laneY(lanes.indexOf(t.fromLane(h)));
        double yTo = laneY(lanes.indexOf(t.toLane(h)));
        String kind = "trace-" + (h.outcome() != null && (h.outcome().equals("timed_out") || h.outcome().equals("reply_lost"))
                ? "timeout" : "failed".equals(h.outcome()) ? "failure" : h.kind());
        List<Node> parts = new ArrayList<>();
        double dir = yTo >= yFrom ? 1 : -1;
        if (yFrom != yTo) {
            Line arrow = new Line(x, yFrom, x, yTo - dir * 6);
            arrow.getStyleClass().addAll("trace-arrow", kind);
            Polygon head = new Polygon(x - 6, yTo - dir * 10, x + 6, yTo - dir * 10, x, yTo);
            head.getStyleClass().addAll("trace-head", kind);
            parts.add(arrow);
            parts.add(head);
        } else {
            Polygon self = new Polygon(x - 6, yTo - 8, x + 6, yTo, x - 6, yTo + 8);
            self.getStyleClass().addAll("trace-head", kind);
            parts.add(self);
        }
        if (h.isCall()) {
            double w = h.latencyMs() == null ? 10 : Math.max(6, h.latencyMs() * scale);
            Rectangle span = new Rectangle(x, yTo - 7, w, 14);
            span.getStyleClass().addAll("trace-span", kind);
            parts.add(span);
        }
        String text = (h.method() == null ? h.kind() : h.method()) + "\n+" + t.offsetMillis(h) + " ms"
                + (h.latencyMs() == null ? "" : String.format(Locale.ROOT, " · %.1f ms", h.latencyMs()))
                + (h.blame() != null ? " · " + TraceViewModel.blame(h.blame()) : "");
        Label label = new Label(text);
        label.getStyleClass().addAll("trace-label", kind);
        double labelY = yTo + (index % 2 == 0 ? 10 : -44);
        label.relocate(x + 4, labelY);
        parts.add(label);
        Tooltip tip = new Tooltip(TraceViewModel.describe(t, h));
        for (Node n : parts) {
            n.setOnMouseClicked(e -> onPick.accept(h));
            if (n instanceof Label l) {
                l.setTooltip(tip);
            }
        }
        getChildren().addAll(parts);
    }

    static double laneY(int lane) {
        return TOP + 24 + Math.max(0, lane) * LANE_HEIGHT;
    }
}
