package io.osloscope.app.message;

import io.osloscope.app.fx.Texts;
import io.osloscope.app.theme.Styles;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds the "where did it go and why" card: ids, routing explanation, consumer, and the call's reply. */
final class RoutingCard {
    private RoutingCard() {
    }

    static List<Node> build(MessageDetail d) {
        List<Node> out = new ArrayList<>();
        MessageDetail.Routing r = d.routing();
        VBox route = new VBox(3);
        route.getStyleClass().add("route-card");
        Texts t = Texts.of("io.osloscope.app.message.InspectorView");
        String exchange = r.exchange() == null || r.exchange().isEmpty() ? t.get("route.defaultExchange") : r.exchange();
        Label head = new Label("exchange " + exchange + (r.exchangeType() == null ? "" : " (" + r.exchangeType() + ")")
                + "   routing key " + quote(r.routingKey()));
        head.setId("routeHeadline");
        head.getStyleClass().add("route-headline");
        head.setWrapText(true);
        route.getChildren().add(head);
        List<String> unmatched = new ArrayList<>();
        for (MessageDetail.BindingLine b : r.bindings()) {
            if (!b.matched()) {
                unmatched.add(b.queue() + " " + quote(b.bindingKey()));
                continue;
            }
            Label l = new Label(t.get("route.binding", quote(b.bindingKey()), b.queue())
                    + (b.reason() == null ? "" : "\n    " + b.reason()));
            l.getStyleClass().add("binding-line");
            l.pseudoClassStateChanged(Styles.MATCHED, true);
            l.setWrapText(true);
            route.getChildren().add(l);
        }
        if (!unmatched.isEmpty()) {
            String shown = String.join(", ", unmatched.subList(0, Math.min(6, unmatched.size())))
                    + (unmatched.size() > 6 ? t.get("route.more", unmatched.size() - 6) : "");
            Label l = new Label(t.get("route.unmatched", unmatched.size(), shown));
            l.getStyleClass().add("binding-line");
            l.setWrapText(true);
            route.getChildren().add(l);
        }
        if (!r.queues().isEmpty()) {
            Label q = new Label(t.get("route.reached", r.queues().size(), String.join(", ", r.queues())));
            q.setId("routeQueues");
            q.setWrapText(true);
            route.getChildren().add(q);
        }
        for (String f : r.queueFacts()) {
            Label l = new Label(f);
            l.getStyleClass().add("route-queue-facts");
            l.setWrapText(true);
            route.getChildren().add(l);
        }
        for (String c : r.consumers()) {
            Label l = new Label(t.get("route.delivered", c));
            l.getStyleClass().add("route-delivered");
            l.setWrapText(true);
            route.getChildren().add(l);
        }
        if (r.note() != null) {
            Label n = new Label(r.note());
            n.getStyleClass().add(Styles.MUTED);
            n.setWrapText(true);
            route.getChildren().add(n);
        }
        out.add(route);

        MessageDetail.Reply reply = d.reply();
        if (reply != null) {
            VBox box = new VBox(3);
            box.getStyleClass().add("route-card");
            String latency = reply.latencyMs() >= 0 ? t.get("reply.latency", reply.latencyMs()) : "";
            Label l;
            if (reply.failureClass() != null) {
                l = new Label(t.get("reply.failure", latency) + reply.failureClass()
                        + (reply.failureModule() == null ? "" : " (" + reply.failureModule() + ")")
                        + (reply.failureMessage() == null ? "" : ": " + reply.failureMessage()));
                l.getStyleClass().add(Styles.ERROR);
            } else if (reply.resultJson() != null) {
                l = new Label(t.get("reply.result", latency) + oneLine(reply.resultJson()));
                l.getStyleClass().add(Styles.OK);
            } else {
                l = new Label(t.get("reply.status", t.getOr("reply.status." + reply.status(), reply.status())));
                l.getStyleClass().add(Styles.MUTED);
            }
            l.setId("replySummary");
            l.setWrapText(true);
            box.getChildren().add(l);
            if (reply.traceback() != null) {
                TextArea tb = new TextArea(reply.traceback());
                tb.setEditable(false);
                tb.setPrefRowCount(6);
                tb.getStyleClass().add(Styles.CODE);
                box.getChildren().add(tb);
            }
            out.add(box);
        }
        VBox ids = new VBox(1);
        for (Map.Entry<String, String> e : d.ids().entrySet()) {
            Label l = new Label(e.getKey() + " = " + e.getValue());
            l.getStyleClass().add("kv-value");
            ids.getChildren().add(l);
        }
        out.add(ids);
        return out;
    }

    private static String quote(String s) {
        return "'" + (s == null ? "" : s) + "'";
    }

    private static String oneLine(String json) {
        String s = json.replaceAll("\\s+", " ");
        return s.length() > 160 ? s.substring(0, 157) + "…" : s;
    }
}
